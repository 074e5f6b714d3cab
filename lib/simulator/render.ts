import sharp from "sharp";
import { createRandom } from "../random/seeded-random";
import { fnv1a } from "./hash";

export type RenderInput = {
  readonly model: string;
  readonly prompt: string;
  /** Part of the picture's identity like the prompt, which also makes the upstream's truncation observable. */
  readonly negativePrompt?: string;
  readonly seed: number;
  readonly width: number;
  readonly height: number;
  /** Position within one request's n images, so siblings differ like real samples do. */
  readonly index: number;
  /** Draws a plain badge bottom-right where the upstream puts its "AI generated" mark (no fonts here for text). */
  readonly watermark?: boolean;
};

const GRID = 3;

/**
 * A placeholder picture of exactly the requested size: a 3*3 grid of hashed colours blown up into a smooth
 * gradient (resizing is far cheaper than filling millions of pixels in JS), with a few translucent shapes on
 * top so different seeds and prompts are told apart at a glance. Compression level 3 keeps 2048*2048 fast.
 */
/** The newest files handed out as links, so fetching one costs what a download costs, not a drawing. */
const rendered = new Map<string, Buffer>();
const RENDERED_MAX = 16;

export const keepRendered = (name: string, png: Buffer) => {
  rendered.delete(name);
  rendered.set(name, png);
  // A Map iterates in insertion order: its first key is the oldest.
  for (const oldest of rendered.keys()) {
    if (rendered.size <= RENDERED_MAX) break;
    rendered.delete(oldest);
  }
};

/** A file kept since its answer, if it still is; otherwise the caller draws it again (the same bytes). */
export const renderedFile = (name: string): Buffer | undefined => rendered.get(name);

export const renderImage = async (input: RenderInput): Promise<Buffer> => {
  const random = createRandom(fnv1a(JSON.stringify([input.model, input.prompt, input.negativePrompt ?? "", input.seed, input.index])));
  const channel = () => Math.floor(random() * 256);
  const grid = Buffer.from(Array.from({ length: GRID * GRID * 3 }, channel));
  const overlay = Buffer.from(shapesSvg(input, random));
  return sharp(grid, { raw: { width: GRID, height: GRID, channels: 3 } })
    .resize(input.width, input.height, { fit: "fill", kernel: "cubic" })
    .composite([{ input: overlay, top: 0, left: 0 }])
    .removeAlpha()
    .png({ compressionLevel: 3 })
    .toBuffer();
};

const shapesSvg = (input: RenderInput, random: () => number): string => {
  const { width, height } = input;
  const unit = Math.min(width, height);
  const colour = () => `rgb(${Math.floor(random() * 256)},${Math.floor(random() * 256)},${Math.floor(random() * 256)})`;
  const opacity = () => (0.35 + random() * 0.4).toFixed(2);
  const at = (span: number) => (random() * span).toFixed(1);
  const count = 3 + Math.floor(random() * 4);
  const shapes: string[] = [];
  for (let i = 0; i < count; i++) {
    const kind = Math.floor(random() * 3);
    const radius = (unit * (0.06 + random() * 0.22)).toFixed(1);
    if (kind === 0) {
      shapes.push(`<circle cx="${at(width)}" cy="${at(height)}" r="${radius}" fill="${colour()}" fill-opacity="${opacity()}"/>`);
    } else if (kind === 1) {
      const stroke = (unit * (0.01 + random() * 0.03)).toFixed(1);
      shapes.push(
        `<circle cx="${at(width)}" cy="${at(height)}" r="${radius}" fill="none" stroke="${colour()}" stroke-width="${stroke}" stroke-opacity="${opacity()}"/>`,
      );
    } else {
      const x = at(width);
      const y = at(height);
      const w = (unit * (0.1 + random() * 0.35)).toFixed(1);
      const h = (unit * (0.1 + random() * 0.35)).toFixed(1);
      const angle = (random() * 90 - 45).toFixed(1);
      shapes.push(
        `<rect x="${x}" y="${y}" width="${w}" height="${h}" fill="${colour()}" fill-opacity="${opacity()}" transform="rotate(${angle} ${x} ${y})"/>`,
      );
    }
  }
  if (input.watermark) shapes.push(watermarkBadge(width, height, unit));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${shapes.join("")}</svg>`;
};

/** A plain plate where the upstream puts its "AI generated" mark (no fonts here for text); edits draw it too. */
export const watermarkBadge = (width: number, height: number, unit: number): string => {
  const w = unit * 0.2;
  const h = unit * 0.05;
  const margin = unit * 0.03;
  const x = (width - w - margin).toFixed(1);
  const y = (height - h - margin).toFixed(1);
  return `<rect x="${x}" y="${y}" width="${w.toFixed(1)}" height="${h.toFixed(1)}" rx="${(h / 3).toFixed(1)}" fill="white" fill-opacity="0.75"/>`;
};
