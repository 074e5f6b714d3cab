import sharp from "sharp";
import { inputProblem } from "../edit/edit-request";
import { sniffImageType, type InputImageType } from "../edit/sniff";
import type { EditModelSpec } from "../models/edit-models";
import type { Size } from "../models/size-rules";
import { megabytes } from "../edit/upload-plan";

/** The input image of an edit, as far as the header tells; the pixels are proven whole when it is drawn. */
export type EditInput = {
  /** The type the data: URI declared, kept for the stats as what crossed the wire. */
  readonly declaredType: string;
  /** The type its bytes show. */
  readonly type: InputImageType;
  readonly bytes: Buffer;
  /** Upright, after any EXIF rotation, since that is the picture the person sees and the size follows. */
  readonly width: number;
  readonly height: number;
};

type InputRead = { readonly ok: true; readonly image: EditInput } | { readonly ok: false; readonly message: string };

const DATA_URI = /^data:([^;,]*)((?:;[^;,]*)*),/i;

const excerpt = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 40)}…` : text);



/**
 * Reads the edit's image the way the upstream judges it: a base64 data: URI (the simulator has no internet,
 * so a link cannot be fetched), PNG, JPEG or WebP by its bytes whatever the URI claims, within the model's
 * byte and side limits. Every refusal says what was found and what would do.
 */
export const readInputImage = async (uri: string, model: EditModelSpec): Promise<InputRead> => {
  const fail = (message: string): InputRead => ({ ok: false, message });
  if (/^https?:\/\//i.test(uri)) {
    return fail(
      `The input image is a link (${excerpt(uri)}); the simulator has no internet access and only reads data: URIs, e.g. "data:image/png;base64,iVBORw0KGgo...".`,
    );
  }
  const header = DATA_URI.exec(uri);
  if (!header) return fail(`The input image must be a data: URI such as "data:image/png;base64,iVBORw0KGgo..."; got ${excerpt(uri)}.`);
  if (!/;base64$/i.test(header[2] ?? "")) return fail(`The input image's data: URI must be base64-encoded ("data:<type>;base64,<data>").`);
  const bytes = Buffer.from(uri.slice(header[0].length), "base64");
  const { maxBytes } = model.input;
  if (bytes.length > maxBytes) {
    return fail(`The input image is ${bytes.length} bytes (${megabytes(bytes.length)} MB); ${model.id} takes at most ${maxBytes} bytes (${megabytes(maxBytes)} MB).`);
  }
  const type = sniffImageType(bytes);
  if (!type) return fail("The input image is not a PNG, JPEG or WebP: its bytes do not start like one, whatever the data: URI declares.");
  let size: Size;
  try {
    const metadata = await sharp(bytes, { failOn: "truncated" }).metadata();
    const turned = (metadata.orientation ?? 1) >= 5;
    size = { width: (turned ? metadata.height : metadata.width) ?? 0, height: (turned ? metadata.width : metadata.height) ?? 0 };
  } catch {
    return fail(undecodable(type));
  }
  const problem = inputProblem(model, size);
  if (problem) return fail(problem);
  return { ok: true, image: { declaredType: header[1] || "text/plain", type, bytes, ...size } };
};

export const undecodable = (type: InputImageType): string =>
  `The input image could not be decoded: its bytes start like ${type} but are damaged or incomplete.`;

/** For the stats: enough to tell which picture came, never the picture itself. */
export const describeInput = (image: EditInput): string =>
  `data:${image.declaredType} (${image.bytes.length} bytes, ${image.width}*${image.height})`;
