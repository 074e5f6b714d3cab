import "server-only";
import PptxGenJS from "pptxgenjs";
import type { ImageView } from "../generation/view";
import type { Locale } from "../i18n/locale";
import type { Slide } from "../present/slides";

/**
 * A slide deck to take away (PowerPoint's format, which Keynote and LibreOffice Impress open too): a title
 * slide, one slide per image or per comparison (its images side by side, each captioned with what made it
 * and its revised prompt), and closing slides with the settings of everything shown. Every word in the
 * interface's language; the full prompts are in each slide's speaker notes.
 */

export type DeckImage = { readonly data: Buffer; readonly width: number; readonly height: number };

/** The words a deck writes, in the interface's language, already filled in where they count something. */
export type DeckWords = {
  /** Under the title: how many slides, when, from where. */
  readonly subtitle: string;
  readonly prompt: string;
  readonly revised: string;
  readonly noRevised: string;
  readonly settings: string;
  /** The settings table's header. */
  readonly columns: readonly string[];
};

export type DeckInput = {
  readonly title: string;
  readonly locale: Locale;
  readonly slides: readonly Slide[];
  /** One line per generation shown, under `words.columns`. */
  readonly settings: ReadonlyArray<readonly string[]>;
  readonly words: DeckWords;
  /** What was left out and why, said on the title slide; null when nothing was. */
  readonly note: string | null;
  /** A shown image's picture, sized for a slide; null when it is gone. */
  readonly image: (image: ImageView) => Promise<DeckImage | null>;
};

/** 16:9 in inches, PowerPoint's default widescreen. */
const PAGE = { width: 13.333, height: 7.5, margin: 0.4 } as const;
const INK = "0F172A";
const MUTED = "475569";

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/** The largest box of the image's shape that fits the space, centred across it, at its top (its caption right under it). */
const contain = (image: DeckImage, box: { x: number; y: number; w: number; h: number }) => {
  const scale = Math.min(box.w / image.width, box.h / image.height);
  const w = image.width * scale;
  return { x: box.x + (box.w - w) / 2, y: box.y, w, h: image.height * scale };
};

export const buildDeck = async ({ title, locale, slides, settings, words, note, image }: DeckInput): Promise<Buffer> => {
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = title;
  pptx.company = "OneToken Image Playground";
  // A face every system has a near match for; Chinese text names a CJK face so no reader falls back to boxes.
  const fontFace = locale === "zh" ? "Microsoft YaHei" : "Arial";
  const lang = locale === "zh" ? "zh-CN" : "en-US";
  const text = { fontFace, lang, color: INK, margin: 0 } as const;
  const width = PAGE.width - 2 * PAGE.margin;

  const cover = pptx.addSlide();
  cover.addText(clip(title, 200), { ...text, x: PAGE.margin, y: 2.2, w: width, h: 1.6, fontSize: 32, bold: true, valign: "bottom" });
  cover.addText([words.subtitle, note].filter(Boolean).join("\n"), { ...text, x: PAGE.margin, y: 4.0, w: width, h: 1.2, fontSize: 16, color: MUTED, valign: "top" });

  for (const slide of slides) {
    const page = pptx.addSlide();
    page.addText(clip(slide.prompt, 220), { ...text, x: PAGE.margin, y: 0.3, w: width, h: 0.8, fontSize: 16, bold: true, valign: "top" });
    const gap = 0.25;
    const count = Math.max(1, slide.panels.length);
    const panelWidth = (width - (count - 1) * gap) / count;
    const top = 1.25;
    const captionHeight = 1.5;
    const imageHeight = PAGE.height - top - captionHeight - PAGE.margin;
    for (const [index, panel] of slide.panels.entries()) {
      const x = PAGE.margin + index * (panelWidth + gap);
      const picture = panel.image && (await image(panel.image));
      let bottom = top + imageHeight;
      if (picture) {
        const placed = contain(picture, { x, y: top, w: panelWidth, h: imageHeight });
        page.addImage({ data: `image/jpeg;base64,${picture.data.toString("base64")}`, ...placed });
        bottom = placed.y + placed.h;
      } else {
        page.addText(panel.missing ?? "", { ...text, x, y: top, w: panelWidth, h: imageHeight, fontSize: 12, color: MUTED, align: "center", valign: "middle", fill: { color: "F1F5F9" } });
      }
      const captionTop = bottom + 0.1;
      page.addText(panel.label, { ...text, x, y: captionTop, w: panelWidth, h: 0.3, fontSize: 12, bold: true });
      const revised = panel.revisedPrompt === "" ? words.noRevised : clip(panel.revisedPrompt, count > 2 ? 160 : 300);
      page.addText([{ text: `${words.revised}: `, options: { bold: true } }, { text: revised }], { ...text, x, y: captionTop + 0.32, w: panelWidth, h: captionHeight - 0.45, fontSize: count > 2 ? 8 : 9, color: MUTED, valign: "top" });
    }
    page.addNotes(
      [`${words.prompt}: ${slide.prompt}`, ...slide.panels.map((panel) => `${panel.label} · ${words.revised}: ${panel.revisedPrompt === "" ? words.noRevised : panel.revisedPrompt}`)].join("\n\n"),
    );
  }

  const closing = pptx.addSlide();
  closing.addText(words.settings, { ...text, x: PAGE.margin, y: 0.3, w: width, h: 0.6, fontSize: 24, bold: true });
  const cell = (value: string, header = false) => ({ text: value, options: { ...text, bold: header, fontSize: 9, color: header ? INK : MUTED, fill: { color: header ? "E2E8F0" : "FFFFFF" } } });
  closing.addTable([words.columns.map((column) => cell(column, true)), ...settings.map((row) => row.map((value) => cell(value)))], {
    x: PAGE.margin,
    y: 1.1,
    w: width,
    border: { type: "solid", pt: 0.5, color: "CBD5E1" },
    // A long selection continues on further slides, the header repeated.
    autoPage: true,
    autoPageRepeatHeader: true,
    autoPageSlideStartY: 0.5,
  });
  return (await pptx.write({ outputType: "nodebuffer" })) as Buffer;
};
