import type { Messages } from "../en";

/** 简体中文：界面的 access 部分。 */
export const access: Messages["access"] = {
  title: "登录 · OneToken 图像生成体验台",
  heading: "OneToken 图像生成体验台",
  intro: "此体验台仅限受邀使用，请输入分配给你的密码登录。",
  password: "密码",
  signIn: "登录",
  failed: "无法登录。",
  empty: "请先输入密码。",
};
