import sharp from "sharp";
import type { Size } from "../models/size-rules";
import { createRandom } from "../random/seeded-random";
import { fnv1a } from "./hash";
import { watermarkBadge } from "./render";

/** The input image decoded once, upright and cropped to the output size, that each of the n edits starts from. */
export type EditBase = { readonly pixels: Buffer; readonly width: number; readonly height: number; readonly channels: 3 };

/** What sets an edit's look apart from its siblings and from other prompts; the input is the rest. */
export type EditLook = {
  readonly model: string;
  readonly prompt: string;
  readonly negativePrompt: string;
  readonly seed: number;
  readonly index: number;
  readonly watermark: boolean;
};

/**
 * Decoding the whole picture is the only proof its pixels are all there (failOn "warning" turns a cut-off or
 * scrambled file into an error rather than grey rows: libvips reports bad JPEG scan data only as a warning). Null when it cannot be decoded. Transparency is laid on white,
 * as the edit comes back as an opaque PNG.
 */
export const decodeInputAt = async (bytes: Buffer, size: Size): Promise<EditBase | null> => {
  try {
    const pixels = await sharp(bytes, { failOn: "warning" })
      .rotate()
      .flatten({ background: "#ffffff" })
      .resize(size.width, size.height, { fit: "cover" })
      .toColourspace("srgb")
      .raw()
      .toBuffer();
    return { pixels, ...size, channels: 3 };
  } catch {
    return null;
  }
};

/**
 * A stand-in for the model's edit: the input with its hues turned by an amount hashed from the request, a
 * light colour wash (which also shows on a grey input, where turning hues does nothing) and a few translucent
 * brush strokes. Lightness is kept, so the result still reads as the same picture.
 */
export const renderEdit = async (base: EditBase, look: EditLook): Promise<Buffer> => {
  const random = createRandom(lookHash(look));
  const hue = 45 + Math.floor(random() * 270);
  const saturation = 1.15 + random() * 0.3;
  const { width, height, channels } = base;
  const turned = sharp(base.pixels, { raw: { width, height, channels } }).modulate({ hue, saturation });
  // Level 3, as for generations: fast enough at 2048*2048, and the size of a PNG is of no interest here.
  return turned.composite([{ input: Buffer.from(overlaySvg(base, look.watermark, random)) }]).removeAlpha().png({ compressionLevel: 3 }).toBuffer();
};

/** "edit" first, so an edit never shares its colours with the generation of the same prompt and seed. */
const lookHash = ({ model, prompt, negativePrompt, seed, index }: EditLook): number =>
  fnv1a(JSON.stringify(["edit", model, prompt, negativePrompt, seed, index]));

const overlaySvg = ({ width, height }: Size, watermark: boolean, random: () => number): string => {
  const unit = Math.min(width, height);
  const rgb = () => `rgb(${[random(), random(), random()].map((value) => Math.floor(value * 256)).join(",")})`;
  const point = () => `${(random() * width).toFixed(1)} ${(random() * height).toFixed(1)}`;
  const parts = [`<rect width="${width}" height="${height}" fill="${rgb()}" fill-opacity="0.14"/>`];
  const strokes = 2 + Math.floor(random() * 3);
  for (let i = 0; i < strokes; i++) {
    const thickness = (unit * (0.02 + random() * 0.05)).toFixed(1);
    const opacity = (0.3 + random() * 0.3).toFixed(2);
    parts.push(
      `<path d="M ${point()} Q ${point()} ${point()}" fill="none" stroke="${rgb()}" stroke-width="${thickness}" stroke-linecap="round" stroke-opacity="${opacity}"/>`,
    );
  }
  if (watermark) parts.push(watermarkBadge(width, height, unit));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">${parts.join("")}</svg>`;
};
