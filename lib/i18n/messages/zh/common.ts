import type { Messages } from "../en";

/** 简体中文：各页共用的主题与语言菜单。 */
export const common: Messages["common"] = {
  theme: "主题",
  themes: { system: "跟随系统", light: "浅色", dark: "深色" },
  language: "语言",
  examples: "试试示例",
  examplesHelp: "填入提示词，并选用擅长此类画面的模型。",
  examplesUse: "使用此示例",
  showMore: "展开全文",
  showLess: "收起",
  examplesUseShort: "使用",
  examplesReplaced: "示例替换了你的提示词和设置。",
  examplesUndo: "换回我的",
  formReplaced: "你输入的内容已被替换。",
  setLoaded: { history: "已从历史记录载入设置。", share: "已从分享链接载入设置。" },
  working: "正在处理…",
  partUnloaded: "这部分无法加载（网络连接失败，或体验台已更新）。",
  partRetry: "重试",
  partClose: "关闭",
  cancelRefused: "没有停止：{error}",
  notFound: {
    pageTitle: "404 · OneToken 图像生成体验台",
    title: "这里什么也没有",
    body: "此地址没有对应的页面。如果这是分享链接或投票链接，请确认链接已完整复制。",
    back: "前往体验台",
  },
  unreached: { title: "体验台暂时无法使用", retry: "重试" },
  exampleList: [
    {
      title: "书法标题海报",
      model: "qwen-image-max",
      prompt: "春茶节海报，顶部是行云流水的毛笔书法标题“春茶节”，樱花盛开，一把青瓷茶壶，柔和的晨光，版式简洁，留白充足",
    },
    {
      title: "古典山水",
      model: "wan2.6-t2i",
      prompt: "中国古典山水水墨画：云雾缭绕的层叠群山，一叶扁舟上的孤独渔翁，平静的江面，苍劲的古松，角落一枚朱红印章，宣纸质感",
    },
    {
      title: "雨夜招牌（中英双语）",
      model: "qwen-image-2.0-pro",
      prompt: "成都雨夜的小巷，上方一块霓虹招牌写着“Noodle House 面馆”，湿润石板路上的倒影，厨房窗口冒出热气，电影感",
    },
    {
      title: "春联",
      model: "qwen-image-plus",
      prompt: "老木门上贴着红色春联，上联“春回大地”，下联“福满人间”，门中央一个“福”字，红灯笼高挂，温暖的傍晚光线",
    },
    {
      title: "产品摄影",
      model: "wan2.6-t2i",
      prompt: "棚拍产品照：一只青瓷茶杯放在天然亚麻布上，左侧柔和的窗光，浅景深，低饱和色调",
    },
  ],
};
