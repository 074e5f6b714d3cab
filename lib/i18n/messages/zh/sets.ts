import type { Messages } from "../en";

/** 简体中文：网格与批量卡片共用的文字。 */
export const sets: Messages["sets"] = {
  progress: "已生成 {done} / {cells} · 无图片 {failed} · 生成中 {running} · 等待中 {queued}",
  cancelAll: "取消所有未完成的生成",
  cancelAllQuestion: { one: "取消 {count} 个未完成的生成？仍在等待的会退还其图片额度。", other: "取消 {count} 个未完成的生成？仍在等待的会退还其图片额度。" },
  cancelAllYes: "取消",
  cancelAllNo: "继续",
  queued: "等待中",
  queuedAhead: { one: "等待中：前面还有 {count} 个", other: "等待中：前面还有 {count} 个" },
  running: "生成中",
  retry: "重试",
  cancel: "取消",
  openImage: "打开 {name} 的第 {n} 张图片",
  status: { succeeded: "完成", failed: "失败", cancelled: "已取消", interrupted: "已中断", queued: "等待中", running: "生成中" },
  zip: "下载图片（zip）",
  zipHelp: "每张图片都是内含设置的 PNG，另附清单（CSV 与 JSON）。",
  csv: "下载结果（CSV）",
  csvHelp: "每张图片的提示词、改写后的提示词、模型、种子、尺寸和链接。",
  contactSheet: "缩略图总览",
  contactSheetHelp: "一张可打印的 PNG，列出所有缩略图及其说明。",
};
