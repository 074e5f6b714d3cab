import type { Messages } from "../en";

/** 简体中文：界面的 share 部分。 */
export const share: Messages["share"] = {
  pageTitle: "分享 · OneToken 图像生成体验台",
  from: "分享自 OneToken 图像生成体验台 · 只读",
  title: "分享的图片",
  sharedOn: "分享于",
  present: "演示",
  playground: "前往体验台",
  missing: {
    one: "自此链接创建以来，已有 {count} 个分享的条目被删除。",
    other: "自此链接创建以来，已有 {count} 个分享的条目被删除。",
  },
  held: {
    one: "有 {count} 个分享的条目所属的盲测对比尚未揭晓模型，单独显示会暴露其模型，揭晓前暂不显示。",
    other: "有 {count} 个分享的条目所属的盲测对比尚未揭晓模型，单独显示会暴露其模型，揭晓前暂不显示。",
  },
  item: { generation: "生成：{prompt}", comparison: "对比：{prompt}", grid: "网格：{prompt}", batch: "批量：{prompt}" },
  prompt: "提示词",
  open: "在体验台中打开",
  imageAlt: "{label}，第 {n} 张图片：{prompt}",
  openFull: "查看第 {n} 张原图",
  revised: "改写后的提示词",
  noRevised: "未返回改写后的提示词。",
  revisedHidden: "揭晓模型后显示。",
};
