import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** A word as poppler reads it off a page, its box in points from the page's top left. */
export type PageWord = { readonly text: string; readonly xMin: number; readonly yMin: number; readonly xMax: number; readonly yMax: number };

export type ConvertedDeck = { readonly pages: number; readonly text: string; readonly page: (n: number) => Promise<Buffer>; readonly words: (n: number) => Promise<PageWord[]> };

/**
 * A slide deck opened as a reader would: converted by LibreOffice Impress (headless, a throwaway profile) to
 * PDF, then read by poppler: its page count, its text, any page as a PNG or as its words where they sit. The
 * files go with `done`.
 */
export const convertDeck = async (pptx: Uint8Array): Promise<ConvertedDeck & { done: () => Promise<void> }> => {
  const dir = await mkdtemp(join(tmpdir(), "deck-"));
  await writeFile(join(dir, "deck.pptx"), pptx);
  await run("soffice", [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--convert-to", "pdf", "--outdir", dir, join(dir, "deck.pptx")], { timeout: 120_000 });
  const pdf = join(dir, "deck.pdf");
  const info = (await run("pdfinfo", [pdf])).stdout;
  const pages = Number(/^Pages:\s+(\d+)/m.exec(info)?.[1] ?? Number.NaN);
  const text = (await run("pdftotext", ["-layout", pdf, "-"])).stdout;
  const page = async (n: number) => {
    await run("pdftoppm", ["-png", "-r", "40", "-f", String(n), "-l", String(n), "-singlefile", pdf, join(dir, `page-${n}`)]);
    return readFile(join(dir, `page-${n}.png`));
  };
  const words = async (n: number) => {
    const html = (await run("pdftotext", ["-bbox", "-f", String(n), "-l", String(n), pdf, "-"])).stdout;
    return [...html.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map(([, xMin, yMin, xMax, yMax, word]) => ({
      text: (word ?? "").replace(/&amp;/g, "&").replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"'),
      xMin: Number(xMin),
      yMin: Number(yMin),
      xMax: Number(xMax),
      yMax: Number(yMax),
    }));
  };
  return { pages, text, page, words, done: () => rm(dir, { recursive: true, force: true }) };
};
