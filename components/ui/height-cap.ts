import type { CSSProperties } from "react";

/** Most of the window: room left around a picture for what goes with it (its caption, its buttons). */
const CAP = "70vh";

/**
 * A picture's box no taller than most of the window, by capping its width at its shape: a 1:4 image filling a
 * wide column would be several screens tall. The placeholder that holds an image's place takes the same cap,
 * so nothing moves when the image lands. The caller centres the box (`mx-auto`).
 */
type Size = { readonly width: number; readonly height: number };

export const heightCap = ({ width, height }: Size): CSSProperties => ({
  maxWidth: `calc(${CAP} * ${width / height})`,
});

/**
 * The box of a picture drawn inside it, or of the placeholder before a picture: its shape, under the cap. Not
 * `capped` where a frame of its own sizes it (the lightbox).
 */
export const pictureBox = (size: Size, capped = true): CSSProperties => ({ aspectRatio: `${size.width} / ${size.height}`, ...(capped && heightCap(size)) });

/** The same cap on a picture whose shape the page learns only from the picture itself (a poll's, which says nothing of how it was made). */
export const loadedHeightCap: CSSProperties = { maxHeight: CAP };
