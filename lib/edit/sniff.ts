/** The image types an edit's input may be, told apart by their first bytes. Pure, for the browser and the server. */

export const INPUT_IMAGE_TYPES = ["image/png", "image/jpeg", "image/webp"] as const;
export type InputImageType = (typeof INPUT_IMAGE_TYPES)[number];

/** The type the bytes themselves declare (their magic number), whatever the file is called. */
export const sniffImageType = (bytes: Uint8Array): InputImageType | null => {
  const starts = (...values: number[]) => values.every((value, index) => bytes[index] === value);
  if (starts(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a)) return "image/png";
  if (starts(0xff, 0xd8, 0xff)) return "image/jpeg";
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length >= 12 && ascii(0, 4) === "RIFF" && ascii(8, 12) === "WEBP") return "image/webp";
  return null;
};
