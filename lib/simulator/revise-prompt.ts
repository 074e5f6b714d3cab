import { fnv1a } from "./hash";

const ENGLISH_PHRASES = [
  "soft natural light",
  "highly detailed",
  "cinematic composition",
  "shallow depth of field",
  "rich colours",
  "gentle morning haze",
  "crisp focus",
  "warm golden-hour tones",
  "painterly texture",
  "wide-angle view",
] as const;

const CHINESE_PHRASES = [
  "柔和的自然光",
  "细节丰富",
  "电影感构图",
  "浅景深",
  "色彩饱满",
  "晨雾朦胧",
  "画面清晰锐利",
  "温暖的黄昏色调",
  "油画质感",
  "广角视角",
] as const;

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

const PHRASE_COUNT = 3;

/**
 * What prompt_extend's rewriting looks like from the outside: the prompt plus a few style phrases, the same
 * for the same prompt and seed so tests can pin it, in Chinese when the prompt is written in CJK as the
 * upstream answers in the prompt's language.
 */
export const revisePrompt = (prompt: string, seed: number): string => {
  const chinese = CJK.test(prompt);
  const phrases: readonly string[] = chinese ? CHINESE_PHRASES : ENGLISH_PHRASES;
  const start = fnv1a(`${seed}\u0000${prompt}`) % phrases.length;
  // Strided picks from a hashed start never repeat a phrase, unlike independent picks.
  const picked = Array.from({ length: PHRASE_COUNT }, (_, i) => phrases[(start + i * 3) % phrases.length]);
  const base = prompt.trim().replace(/[\s,.，。]+$/u, "");
  return chinese ? `${base}，${picked.join("，")}。` : `${base}, ${picked.join(", ")}.`;
};
