import type { ModelId } from "../models/registry";
import type { Locale } from "./locale";

/** A prompt that shows what a model does well, with the model it was written for. */
export type ExamplePrompt = { readonly title: string; readonly prompt: string; readonly model: ModelId };

/**
 * Example prompts in each interface language, chosen for what these models are good at: Chinese lettering,
 * classical Chinese scenes, posters and signs with text.
 */
export const EXAMPLE_PROMPTS: Record<Locale, readonly ExamplePrompt[]> = {
  en: [
    {
      title: "Poster with Chinese calligraphy",
      model: "qwen-image-max",
      prompt: "A spring tea festival poster, the title “春茶节” in flowing brush calligraphy at the top, cherry blossoms, a celadon teapot, soft morning light, clean layout with generous margins",
    },
    {
      title: "Classical Chinese landscape",
      model: "wan2.6-t2i",
      prompt: "A classical Chinese shan shui ink painting: misty layered mountains, a lone fisherman in a small boat on a calm river, old pines, a red seal stamp in the corner, rice paper texture",
    },
    {
      title: "Shop sign at night, in two languages",
      model: "qwen-image-2.0-pro",
      prompt: "A neon shop sign reading “Noodle House 面馆” above a narrow street in Chengdu on a rainy night, reflections on wet stone, steam from a kitchen window, cinematic",
    },
    {
      title: "Spring Festival couplets",
      model: "qwen-image-plus",
      prompt: "Red Spring Festival couplets on an old wooden door, the left one reading “春回大地”, the right one “福满人间”, a “福” sign in the middle, red lanterns, warm evening light",
    },
    {
      title: "Product photo",
      model: "wan2.6-t2i",
      prompt: "Studio product photo of a celadon porcelain teacup on natural linen, soft window light from the left, shallow depth of field, muted colours",
    },
  ],
  zh: [
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
