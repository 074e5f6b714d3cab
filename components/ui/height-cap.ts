import type { CSSProperties } from "react";

/**
 * A picture's box no taller than most of the window, by capping its width at its shape: a 1:4 image filling a
 * wide column would be several screens tall. The placeholder that holds an image's place takes the same cap,
 * so nothing moves when the image lands. The caller centres the box (`mx-auto`).
 */
export const heightCap = ({ width, height }: { readonly width: number; readonly height: number }): CSSProperties => ({
  maxWidth: `calc(70vh * ${width / height})`,
});
