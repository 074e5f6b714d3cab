import type { Messages } from "../en";

/** 简体中文：各页共用的主题与语言菜单。 */
export const common: Messages["common"] = {
  theme: "主题",
  themes: { system: "跟随系统", light: "浅色", dark: "深色" },
  language: "语言",
  examples: "试试示例",
  examplesHelp: "填入提示词，并选用擅长此类画面的模型。",
  examplesPlaceholder: "选择一个示例…",
};
