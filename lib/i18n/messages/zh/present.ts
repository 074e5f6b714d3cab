import type { Messages } from "../en";

/** 简体中文：界面的 present 部分。 */
export const present: Messages["present"] = {
  label: "演示",
  roleDescription: "幻灯片放映",
  noSlides: "没有幻灯片",
  loading: "加载中…",
  position: "第 {n} 张，共 {total} 张",
  previous: "上一张",
  next: "下一张",
  first: "这是第一张幻灯片。",
  last: "这是最后一张幻灯片。",
  exit: "退出",
  exitKey: "（Esc）",
  nothing: "没有可演示的内容：这些条目都还没有图片。",
  current: "当前幻灯片",
  imageAlt: "{label}：{prompt}",
  revised: "改写后：{prompt}",
  slides: {
    missingImage: "该模型没有第 {n} 张图片。",
    stillGenerating: "仍在生成中。",
    noImage: {
      queued: "暂无图片（排队中）。",
      running: "暂无图片（生成中）。",
      succeeded: "没有图片（已完成）。",
      failed: "没有图片（失败）。",
      cancelled: "没有图片（已取消）。",
      interrupted: "没有图片（已中断）。",
    },
  },
};
