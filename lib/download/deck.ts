import "server-only";
import PptxGenJS from "pptxgenjs";
import { format, plural } from "../i18n/format";
import type { Locale } from "../i18n/locale";
import { MESSAGES } from "../i18n/messages";
import { CELL_MARGIN, layTable } from "./deck-table";
import { EAST_ASIAN, fitLines, LINE_HEIGHT } from "./text-fit";
import { logUnreadable } from "./unreadable";

/**
 * A slide deck to take away (PowerPoint's format, which Keynote and LibreOffice Impress open too): a title
 * slide, then pages of pictures side by side (each captioned: a name, and a line under it) and of tables,
 * in the order given. Every word comes in the interface's language; each picture slide's speaker notes hold
 * what its captions had to cut short. A picture deleted since leaves its place saying it is no longer stored,
 * one that cannot be read (damaged, or the storage failed) saying that, and the title slide counts them.
 */

export type DeckImage = { readonly data: Buffer; readonly width: number; readonly height: number };

/** A picture with its caption: a name in bold, and a line under it (its lead in bold). */
export type DeckPanel = {
  readonly label: string;
  /** null when the picture never came; `missing` says why. */
  readonly image: { readonly id: string } | null;
  /** null with a picture: one deleted since says it is no longer stored, one unreadable that it could not be read. */
  readonly missing: string | null;
  /** null for a place no picture ever filled: `missing` says why, and there is nothing to caption. */
  readonly detail: { readonly lead: string; readonly text: string } | null;
};

export type DeckPage =
  | { readonly kind: "pictures"; readonly heading: string; readonly panels: readonly DeckPanel[]; readonly footer: string | null; readonly notes: string }
  | { readonly kind: "table"; readonly heading: string; readonly columns: readonly string[]; readonly rows: ReadonlyArray<readonly string[]> };

export type DeckInput = {
  readonly title: string;
  readonly locale: Locale;
  /** The reader's time zone, for the cover's date (the server's own where the browser did not say). */
  readonly timeZone: string | undefined;
  /**
   * Under the title, after the line saying how many slides, when and from where (the deck's own, as it counts
   * its slides only once built): a line each on what was left out, or how sure a result is.
   */
  readonly cover: readonly string[];
  readonly pages: readonly DeckPage[];
  /** A picture, sized for a slide (asked once an image, however many slides show it); null when it is gone. One that fails is said as unreadable, and logged. */
  readonly image: (image: { readonly id: string }) => Promise<DeckImage | null>;
};

/** 16:9 in inches, PowerPoint's default widescreen. */
const PAGE = { width: 13.333, height: 7.5, margin: 0.4 } as const;
const INK = "0F172A";
const MUTED = "475569";
/**
 * A picture slide's prompt, its box (in inches) as tall as its lines, ending above the pictures (at 1.25):
 * past its lines it is cut short (the notes hold it whole).
 */
const HEADING = { fontSize: 16, top: 0.3, lines: 3 } as const;
const TABLE_TOP = 1.1;
/** A picture's name: in inches, a line of it at its size; past its lines it is cut short (the notes hold it whole). */
const LABEL = { fontSize: 12, lineHeight: 0.2, maxLines: 3 } as const;

/** Cut by characters, not UTF-16 units: a rare CJK character past the BMP is kept whole or left out whole. */
const clip = (text: string, max: number) => {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join("").trimEnd()}…` : text;
};

/**
 * The characters XML 1.0 cannot hold (control characters other than tab and line breaks, often in pasted text,
 * and halves of broken surrogate pairs), taken out: the deck's writer escapes only markup, and one such
 * character makes PowerPoint ask to repair the file.
 */
// eslint-disable-next-line no-control-regex -- the control characters are what is matched
const NOT_IN_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;
export const xmlSafe = (text: string): string => text.replace(NOT_IN_XML, "");

const safePage = (page: DeckPage): DeckPage =>
  page.kind === "table"
    ? { ...page, heading: xmlSafe(page.heading), columns: page.columns.map(xmlSafe), rows: page.rows.map((row) => row.map(xmlSafe)) }
    : {
        ...page,
        heading: xmlSafe(page.heading),
        footer: page.footer === null ? null : xmlSafe(page.footer),
        notes: xmlSafe(page.notes),
        panels: page.panels.map((panel) => ({
          ...panel,
          label: xmlSafe(panel.label),
          missing: panel.missing === null ? null : xmlSafe(panel.missing),
          detail: panel.detail && { lead: xmlSafe(panel.detail.lead), text: xmlSafe(panel.detail.text) },
        })),
      };

/** A picture as a slide takes it: its size, and its bytes as the data URL the writer reads (made once, however many slides show it). */
type Shown = { readonly width: number; readonly height: number; readonly data: string } | string;

/** The largest box of the image's shape that fits the space, centred across it, at its top (its caption right under it). */
const contain = (image: { readonly width: number; readonly height: number }, box: { x: number; y: number; w: number; h: number }) => {
  const scale = Math.min(box.w / image.width, box.h / image.height);
  const w = image.width * scale;
  return { x: box.x + (box.w - w) / 2, y: box.y, w, h: image.height * scale };
};

/** "{count} slides · {date} · OneToken Image Playground", in the interface's language, dated where the reader is. */
export const subtitle = (locale: Locale, slides: number, timeZone: string | undefined, now = new Date()): string =>
  plural(locale, MESSAGES[locale].sets.slides.subtitle, slides, { date: new Intl.DateTimeFormat(locale === "zh" ? "zh-CN" : "en-GB", { dateStyle: "long", timeZone }).format(now) });

/**
 * A face every system has a near match for; East Asian text names a CJK face so no reader falls back to
 * boxes, whatever the interface's language (a revised prompt often comes back in Chinese). The writer names
 * one face for Latin and East Asian text alike, so it is chosen by what each text holds.
 */
const fontFace = (locale: Locale, content: string): string => (locale === "zh" || EAST_ASIAN.test(content) ? "Microsoft YaHei" : "Arial");

export const buildDeck = async (input: DeckInput): Promise<Uint8Array<ArrayBuffer>> => {
  const { locale, image } = input;
  const title = xmlSafe(input.title);
  const cover = input.cover.map(xmlSafe);
  const pages = input.pages.map(safePage);
  const pptx = new PptxGenJS();
  pptx.layout = "LAYOUT_WIDE";
  pptx.title = title;
  pptx.company = "OneToken Image Playground";
  const lang = locale === "zh" ? "zh-CN" : "en-US";
  const text = (content: string) => ({ fontFace: fontFace(locale, content), lang, color: INK, margin: 0 }) as const;
  const width = PAGE.width - 2 * PAGE.margin;
  // A storage that fails for a while has not lost the picture: only one not found is said to be gone.
  const gone = MESSAGES[locale].leaderboard.imageGone;
  const unreadable = MESSAGES[locale].sets.files.imageUnread;
  // Counted as built: a long table runs on over slides of its own.
  let slides = 1;
  let unread = 0;
  /**
   * By image: one on several slides (an edit's input beside each of its results) is read, encoded and counted
   * once. The writer still puts a copy on each slide, as it shares a picture only within one.
   */
  const pictures = new Map<string, Promise<Shown>>();
  /** The picture, or what its place says instead. */
  const picture = (panel: { readonly id: string }): Promise<Shown> => {
    const known = pictures.get(panel.id);
    if (known) return known;
    const read = image(panel)
      .then(
        (found): Shown => (found ? { width: found.width, height: found.height, data: `image/jpeg;base64,${found.data.toString("base64")}` } : gone),
        (error: unknown) => {
          logUnreadable("slide deck", panel.id, error);
          return unreadable;
        },
      )
      .then((shown) => {
        if (typeof shown === "string") unread += 1;
        return shown;
      });
    pictures.set(panel.id, read);
    return read;
  };

  const first = pptx.addSlide();
  first.addText(clip(title, 200), { ...text(title), x: PAGE.margin, y: 2.2, w: width, h: 1.6, fontSize: 32, bold: true, valign: "bottom" });

  for (const page of pages) {
    if (page.kind === "table") {
      const layout = layTable(page, { width, height: PAGE.height - TABLE_TOP - PAGE.margin });
      const cell = (value: string, header = false) => ({
        text: value,
        options: { ...text(value), margin: CELL_MARGIN, bold: header, fontSize: layout.fontSize, color: header ? INK : MUTED, fill: { color: header ? "E2E8F0" : "FFFFFF" } },
      });
      // A long table runs on over slides of its own, each with its heading and header, its rows whole.
      for (const [index, rows] of layout.pages.entries()) {
        const slide = pptx.addSlide();
        slides += 1;
        const heading = index === 0 ? page.heading : format(MESSAGES[locale].sets.slides.continued, { heading: page.heading });
        slide.addText(heading, { ...text(heading), x: PAGE.margin, y: 0.3, w: width, h: 0.6, fontSize: 24, bold: true });
        slide.addTable([page.columns.map((column) => cell(column, true)), ...rows.map((row) => row.map((value) => cell(value)))], {
          x: PAGE.margin,
          y: TABLE_TOP,
          w: width,
          colW: layout.widths,
          border: { type: "solid", pt: 0.5, color: "CBD5E1" },
        });
      }
      continue;
    }
    const slide = pptx.addSlide();
    slides += 1;
    const heading = fitLines(page.heading, (width * 72) / HEADING.fontSize, HEADING.lines).text;
    slide.addText(heading, { ...text(heading), x: PAGE.margin, y: HEADING.top, w: width, h: (HEADING.lines * HEADING.fontSize * LINE_HEIGHT) / 72, fontSize: HEADING.fontSize, bold: true, valign: "top" });
    const gap = 0.25;
    const count = Math.max(1, page.panels.length);
    const panelWidth = (width - (count - 1) * gap) / count;
    const top = 1.25;
    const captionHeight = 1.5;
    const imageHeight = PAGE.height - top - captionHeight - PAGE.margin;
    for (const [index, panel] of page.panels.entries()) {
      const x = PAGE.margin + index * (panelWidth + gap);
      const shown = panel.image ? await picture(panel.image) : (panel.missing ?? gone);
      let bottom = top + imageHeight;
      if (typeof shown !== "string") {
        const placed = contain(shown, { x, y: top, w: panelWidth, h: imageHeight });
        slide.addImage({ data: shown.data, ...placed });
        bottom = placed.y + placed.h;
      } else {
        slide.addText(shown, { ...text(shown), x, y: top, w: panelWidth, h: imageHeight, fontSize: 12, color: MUTED, align: "center", valign: "middle", fill: { color: "F1F5F9" } });
      }
      const captionTop = bottom + 0.1;
      // The name's box as tall as its lines, so the line under it starts below it, never under its overflow.
      const label = fitLines(panel.label, (panelWidth * 72) / LABEL.fontSize, LABEL.maxLines);
      const labelHeight = label.lines * LABEL.lineHeight + 0.1;
      slide.addText(label.text, { ...text(label.text), x, y: captionTop, w: panelWidth, h: labelHeight, fontSize: LABEL.fontSize, bold: true, valign: "top" });
      if (!panel.detail) continue;
      const detail = [...(panel.detail.lead ? [{ text: panel.detail.lead, options: { bold: true } }] : []), { text: clip(panel.detail.text, count > 2 ? 160 : 300) }];
      const detailTop = captionTop + labelHeight + 0.02;
      slide.addText(detail, { ...text(panel.detail.lead + panel.detail.text), x, y: detailTop, w: panelWidth, h: captionTop + captionHeight - 0.13 - detailTop, fontSize: count > 2 ? 8 : 9, color: MUTED, valign: "top" });
    }
    if (page.footer) slide.addText(page.footer, { ...text(page.footer), x: PAGE.margin, y: PAGE.height - 0.35, w: width, h: 0.25, fontSize: 9, color: MUTED, align: "right" });
    slide.addNotes(page.notes);
  }
  // Written last, once the slides and the pictures that could not be read are counted.
  const said = [subtitle(locale, slides, input.timeZone), ...cover, ...(unread > 0 ? [plural(locale, MESSAGES[locale].sets.slides.unread, unread)] : [])].join("\n");
  first.addText(said, { ...text(said), x: PAGE.margin, y: 4.0, w: width, h: 1.6, fontSize: 16, color: MUTED, valign: "top" });
  // As a Uint8Array over its own bytes, answered as it is: the deck is the largest thing a request holds.
  return (await pptx.write({ outputType: "uint8array" })) as Uint8Array<ArrayBuffer>;
};
