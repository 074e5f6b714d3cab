import type { Locale } from "./locale";
import { format } from "./format";

/**
 * The shared rules (the request schemas, the size rules, model switching, the compare plan) speak English,
 * because their words are also the API's answers. The interface translates them as it shows them: each
 * known sentence, matched whole, becomes its Chinese counterpart; anything else is shown as it came.
 * rule-messages.test.ts produces every sentence from the real rules, so a reworded rule cannot slip by.
 */

type Rule = readonly [pattern: RegExp, zh: string];

const OPTION_NAMES: Record<string, string> = {
  "The prompt": "提示词",
  "The negative prompt": "反向提示词",
  "Prompt rewriting": "提示词改写",
  Watermark: "水印",
  "Blind comparison": "盲测对比",
};

const RULES: readonly Rule[] = [
  [/^(?<what>The prompt|The negative prompt) must be text\.$/, "{what}必须是文本。"],
  [/^(?<what>Prompt rewriting|Watermark|Blind comparison) must be true or false\.$/, "{what}只能是开或关。"],
  [/^Seed must be a number\.$/, "种子必须是数字。"],
  [/^Seed must be a whole number\.$/, "种子必须是整数。"],
  [/^Seed must be between 0 and (?<max>\d+)\.$/, "种子必须在 0 到 {max} 之间。"],
  [/^Choose one of the listed models\.$/, "请从列表中选择一个模型。"],
  [/^Width must be a number\.$/, "宽度必须是数字。"],
  [/^Height must be a number\.$/, "高度必须是数字。"],
  [/^Number of images must be a number\.$/, "图片数量必须是数字。"],
  [/^Number of images must be a whole number\.$/, "图片数量必须是整数。"],
  [/^Write a prompt first\.$/, "请先填写提示词。"],
  [/^(?<model>\S+) reads at most (?<max>\d+) characters; this prompt has (?<length>\d+)\.$/, "{model} 最多读取 {max} 个字符，当前提示词有 {length} 个。"],
  [/^The negative prompt may be at most (?<max>\d+) characters; it has (?<length>\d+)\.$/, "反向提示词最多 {max} 个字符，当前有 {length} 个。"],
  [/^(?<model>\S+) reads a negative prompt of at most (?<max>\d+) characters; it has (?<length>\d+)\.$/, "{model} 的反向提示词最多 {max} 个字符，当前有 {length} 个。"],
  [/^(?<model>\S+) makes exactly (?<n>\d+) images? per request\.$/, "{model} 每次请求固定生成 {n} 张图片。"],
  [/^(?<model>\S+) makes (?<min>\d+) to (?<max>\d+) images per request\.$/, "{model} 每次请求生成 {min} 至 {max} 张图片。"],
  [/^(?<model>\S+) does not take this option\.$/, "{model} 不支持此选项。"],
  [/^Width and height must be whole numbers of pixels, greater than 0\.$/, "宽和高必须是大于 0 的整数像素。"],
  [/^(?<model>\S+) takes only its preset sizes \((?<list>[^)]*)\); (?<size>\S+) is not one of them\.$/, "{model} 只接受预设尺寸（{list}）；{size} 不在其中。"],
  [
    /^(?<model>\S+) needs width and height each between (?<min>\d+) and (?<max>\d+) px; (?<size>\S+) has (?<side>width|height) (?<value>\d+)\.$/,
    "{model} 要求宽和高都在 {min} 至 {max} 像素之间；{size} 的{side}为 {value}。",
  ],
  [
    /^(?<model>\S+) needs (?<min>[\d.]+) to (?<max>[\d.]+) megapixels \((?<from>[^)]+) to (?<to>[^)]+)\); (?<size>\S+) is (?<value>[\d.]+)\.$/,
    "{model} 要求总像素在 {min} 至 {max} 百万之间（{from} 至 {to}）；{size} 为 {value} 百万。",
  ],
  [
    /^(?<model>\S+) needs an aspect ratio between (?<min>\S+) and (?<max>\S+); (?<size>\S+) is (?<value>\S+)\.$/,
    "{model} 要求宽高比在 {min} 至 {max} 之间；{size} 为 {value}。",
  ],
  [/^Only these (?<n>\d+) sizes: (?<list>.+)\.$/, "仅支持以下 {n} 种尺寸：{list}。"],
  [/^Width and height each (?<min>\d+) to (?<max>\d+) px\.$/, "宽和高各为 {min} 至 {max} 像素。"],
  [
    /^(?<min>[\d.]+) to (?<max>[\d.]+) megapixels in total \((?<from>[^)]+) to (?<to>[^)]+)\), aspect ratio (?<rmin>\S+) to (?<rmax>\S+)\.$/,
    "总像素 {min} 至 {max} 百万（{from} 至 {to}），宽高比 {rmin} 至 {rmax}。",
  ],
  [/^Size (?<size>\S+) does not fit (?<model>\S+); it is now (?<now>\S+)\.$/, "尺寸 {size} 不适用于 {model}，已改为 {now}。"],
  [/^(?<n>\d+) images is more than (?<model>\S+) makes per request; it is now (?<now>\d+)\.$/, "{model} 每次请求生成不了 {n} 张图片，已改为 {now} 张。"],
  [
    /^The prompt has (?<length>\d+) characters and (?<model>\S+) reads at most (?<max>\d+): shorten it before generating\.$/,
    "提示词有 {length} 个字符，而 {model} 最多读取 {max} 个：请先缩短再生成。",
  ],
  [
    /^The negative prompt has (?<length>\d+) characters and (?<model>\S+) reads at most (?<max>\d+): shorten it before generating\.$/,
    "反向提示词有 {length} 个字符，而 {model} 最多读取 {max} 个：请先缩短再生成。",
  ],
  [/^(?<model>\S+) takes no negative prompt; it was cleared\.$/, "{model} 不支持反向提示词，已清空。"],
  [/^(?<model>\S+) takes no seed; it was cleared\.$/, "{model} 不支持种子，已清空。"],
  [/^(?<model>\S+) does not rewrite prompts; prompt rewriting is off\.$/, "{model} 不会改写提示词，提示词改写已关闭。"],
  [/^(?<model>\S+) adds no watermark; the watermark is off\.$/, "{model} 不添加水印，水印已关闭。"],
  [/^Choose models from the list\.$/, "请从列表中选择模型。"],
  [/^Pick at least (?<n>\d+) models to compare\.$/, "请至少选择 {n} 个模型进行对比。"],
  [/^Compare at most (?<n>\d+) models at once\.$/, "一次最多对比 {n} 个模型。"],
  [/^Each model can be picked once\.$/, "每个模型只能选择一次。"],
  [/^Choose one of the listed aspect ratios\.$/, "请从列表中选择一个宽高比。"],
  [/^Images per model must be a number\.$/, "每个模型的图片数量必须是数字。"],
  [/^Images per model must be a whole number\.$/, "每个模型的图片数量必须是整数。"],
  [/^Images per model must be (?<min>\d+) to (?<max>\d+)\.$/, "每个模型的图片数量必须在 {min} 至 {max} 之间。"],
  [/^Makes exactly (?<n>\d+) images? per request\.$/, "每次请求固定生成 {n} 张。"],
  [/^Makes at most (?<n>\d+) images? per request\.$/, "每次请求最多生成 {n} 张。"],
  [
    /^Blind: (?<n>\d+) images? per model, the most every chosen model makes, so no column stands out\.$/,
    "盲测：每个模型 {n} 张，即所有所选模型都能生成的最大数量，避免某一列显得特殊。",
  ],
  [/^Takes no negative prompt: none sent\.$/, "不支持反向提示词：未发送。"],
  [/^Takes no seed: none sent\.$/, "不支持种子：未发送。"],
  [/^Does not rewrite prompts\.$/, "不会改写提示词。"],
  [/^Adds no watermark\.$/, "不添加水印。"],
];

const SIDES: Record<string, string> = { width: "宽", height: "高" };

export const translateRuleMessage = (text: string, locale: Locale): string => {
  if (locale === "en") return text;
  for (const [pattern, zh] of RULES) {
    const match = pattern.exec(text);
    if (!match) continue;
    const values: Record<string, string> = { ...match.groups };
    if (values.what) values.what = OPTION_NAMES[values.what] ?? values.what;
    if (values.side) values.side = SIDES[values.side] ?? values.side;
    return format(zh, values);
  }
  return text;
};
