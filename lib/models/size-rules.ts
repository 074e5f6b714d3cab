/**
 * The three kinds of size rule the gateway's models follow. Each check is pure and explains a refusal in
 * words a person can act on, because the same text is shown under the form field and returned by the server.
 */

export type Size = { readonly width: number; readonly height: number };

export type SizePreset = Size & { readonly label?: string };

export type SizeRule =
  | { readonly kind: "presets" }
  | { readonly kind: "side-range"; readonly min: number; readonly max: number }
  | {
      readonly kind: "pixel-budget";
      /** Inclusive bounds on width*height. */
      readonly minPixels: number;
      readonly maxPixels: number;
      /** Inclusive bounds on width/height. */
      readonly minAspect: number;
      readonly maxAspect: number;
    };

export type SizeCheck = { readonly ok: true } | { readonly ok: false; readonly reason: string };

export const formatSize = (size: Size): string => `${size.width}*${size.height}`;

export const parseSize = (text: string): Size | null => {
  const match = /^\s*(\d{1,5})\s*[*x×]\s*(\d{1,5})\s*$/i.exec(text);
  if (!match) return null;
  return { width: Number(match[1]), height: Number(match[2]) };
};

export const sameSize = (a: Size, b: Size): boolean => a.width === b.width && a.height === b.height;

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

const COMMON_RATIOS: ReadonlyArray<readonly [number, number]> = [
  [1, 1], [4, 3], [3, 4], [3, 2], [2, 3], [16, 9], [9, 16], [21, 9], [9, 21],
  [2, 1], [1, 2], [5, 4], [4, 5], [3, 1], [1, 3], [4, 1], [1, 4],
];

/**
 * Aspect ratio as people name it: 1664*928 is sold as "16:9" though it is 52:29, so a size within 1.5% of a
 * common ratio takes that name; anything else gets its exact reduced ratio or, failing that, a decimal.
 */
export const aspectLabel = ({ width, height }: Size): string => {
  const ratio = width / height;
  let best: readonly [number, number] | undefined;
  let bestError = Infinity;
  for (const candidate of COMMON_RATIOS) {
    const error = Math.abs(ratio / (candidate[0] / candidate[1]) - 1);
    if (error < bestError) {
      best = candidate;
      bestError = error;
    }
  }
  if (best && bestError <= 0.015) return `${best[0]}:${best[1]}`;
  const divisor = gcd(width, height);
  const w = width / divisor;
  const h = height / divisor;
  if (w <= 32 && h <= 32) return `${w}:${h}`;
  return ratio >= 1 ? `${ratio.toFixed(2)}:1` : `1:${(1 / ratio).toFixed(2)}`;
};

const ratioText = (aspect: number): string =>
  aspect >= 1 ? `${trimNumber(aspect)}:1` : `1:${trimNumber(1 / aspect)}`;

const trimNumber = (value: number): string => String(Number(value.toFixed(2)));

/**
 * Megapixels with as many decimals as it takes to tell the value apart from the bound it breaks, so a
 * refusal never reads "needs 1.64; yours is 1.64".
 */
const megapixels = (pixels: number, bound: number): string => {
  for (let digits = 2; digits <= 6; digits++) {
    const value = (pixels / 1e6).toFixed(digits);
    // Never "0.00" for a picture of a few pixels: as many digits as show it is not none.
    if (value !== (bound / 1e6).toFixed(digits) && Number(value) !== 0) return value;
  }
  return (pixels / 1e6).toFixed(6);
};

export const isWhole = (size: Size): boolean =>
  Number.isInteger(size.width) && Number.isInteger(size.height) && size.width > 0 && size.height > 0;

/** The rule in words, for helper text under the size picker. */
export const describeSizeRule = (rule: SizeRule, presets: readonly SizePreset[]): string => {
  switch (rule.kind) {
    case "presets":
      return `Only these ${presets.length} sizes: ${presets.map(formatSize).join(", ")}.`;
    case "side-range":
      return `Width and height each ${rule.min} to ${rule.max} px.`;
    case "pixel-budget":
      return (
        `${(rule.minPixels / 1e6).toFixed(2)} to ${(rule.maxPixels / 1e6).toFixed(2)} megapixels in total ` +
        `(${side(rule.minPixels)} to ${side(rule.maxPixels)}), aspect ratio ${ratioText(rule.minAspect)} to ${ratioText(rule.maxAspect)}.`
      );
  }
};

const side = (pixels: number): string => {
  const root = Math.sqrt(pixels);
  return Number.isInteger(root) ? `${root}*${root}` : `${pixels} px`;
};

export const checkSize = (
  modelId: string,
  rule: SizeRule,
  presets: readonly SizePreset[],
  size: Size,
): SizeCheck => {
  if (!isWhole(size)) {
    return { ok: false, reason: "Width and height must be whole numbers of pixels, greater than 0." };
  }
  const text = formatSize(size);
  switch (rule.kind) {
    case "presets": {
      if (presets.some((preset) => sameSize(preset, size))) return { ok: true };
      return {
        ok: false,
        reason: `${modelId} takes only its preset sizes (${presets.map(formatSize).join(", ")}); ${text} is not one of them.`,
      };
    }
    case "side-range": {
      const outside = (side: number) => side < rule.min || side > rule.max;
      // Both sides named when both are out, so that mending one does not meet a second refusal.
      const bad = [outside(size.width) && `width ${size.width}`, outside(size.height) && `height ${size.height}`].filter(Boolean);
      if (bad.length === 0) return { ok: true };
      return {
        ok: false,
        reason: `${modelId} needs width and height each between ${rule.min} and ${rule.max} px; ${text} has ${bad.join(" and ")}.`,
      };
    }
    case "pixel-budget": {
      const pixels = size.width * size.height;
      if (pixels < rule.minPixels || pixels > rule.maxPixels) {
        const bound = pixels < rule.minPixels ? rule.minPixels : rule.maxPixels;
        return {
          ok: false,
          reason:
            `${modelId} needs ${(rule.minPixels / 1e6).toFixed(2)} to ${(rule.maxPixels / 1e6).toFixed(2)} megapixels ` +
            `(${side(rule.minPixels)} to ${side(rule.maxPixels)}); ${text} is ${megapixels(pixels, bound)}.`,
        };
      }
      const aspect = size.width / size.height;
      if (aspect < rule.minAspect || aspect > rule.maxAspect) {
        return {
          ok: false,
          reason: `${modelId} needs an aspect ratio between ${ratioText(rule.minAspect)} and ${ratioText(rule.maxAspect)}; ${text} is ${ratioText(aspect)}.`,
        };
      }
      return { ok: true };
    }
  }
};
