import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

export type ConvertedDeck = { readonly pages: number; readonly text: string; readonly page: (n: number) => Promise<Buffer> };

/**
 * A slide deck opened as a reader would: converted by LibreOffice Impress (headless, a throwaway profile) to
 * PDF, then read by poppler: its page count, its text, and any page as a PNG. The files go with `done`.
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
  return { pages, text, page, done: () => rm(dir, { recursive: true, force: true }) };
};
