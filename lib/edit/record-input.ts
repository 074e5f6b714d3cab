import { createHash, randomUUID } from "node:crypto";
import sharp from "sharp";
import { BLIND_EDIT, inHiddenComparison } from "../compare/hidden-column";
import { AppError } from "../errors";
import type { InputImageView } from "../generation/view";
import { makeThumbnail } from "../jobs/process-image";
import { ANY_EDIT_INPUT } from "../models/edit-models";
import { toInputView } from "../store/rows";
import type { GenerationStore, ImageStore, InputsFull, StoredInput } from "../store/types";
import { checkInputImage } from "./input-image";
import { megabytes } from "./upload-plan";

/**
 * Puts an edit's input on record: checked from its bytes, kept upright and without metadata, with a thumbnail
 * for the form and the history. The same upload twice, or the same history result twice, gives the one record.
 */

type Storage = {
  readonly store: GenerationStore;
  readonly images: ImageStore;
  /** The most all inputs together may hold (INPUT_STORAGE_MB): uploads must not fill the disk. */
  readonly maxInputBytes: number;
  /** The most the inputs one client added may hold (INPUT_STORAGE_PER_CLIENT_MB): no one takes everyone's room. */
  readonly maxClientInputBytes: number;
  readonly now?: () => number;
};

/**
 * Who adds an input, recorded with it: its key as the limits count it (`sessionOrAddress`), and whether that
 * is a signed-in session or, without the gate, an address (which the colleagues behind it share).
 */
export type InputClient = { readonly key: string; readonly by: "sign-in" | "address" };

/** Says what the refused image needs, so a person can tell how much to free. */
const tooLittleFor = (adds: number): string => `leaving too little for this image (${megabytes(adds)} MB with its thumbnail)`;

/** What frees room: the upkeep's rule (dropUnusedInputs in sql-store.ts, run every hour). */
const WHEN_DROPPED = "an input is dropped once no edit in the history uses it, no later step of a chain of edits came from it, and nobody has chosen it for a day";

/**
 * An upload larger than the whole room is refused however little is kept: waiting or deleting frees nothing
 * it needs, so the refusal says so rather than "try again tomorrow".
 */
const tooLargeAlone = (adds: number, room: string, setting: string): string =>
  `This image alone takes ${megabytes(adds)} MB with its thumbnail, more than ${room}. Use a smaller image, or ask whoever runs the playground to raise ${setting}.`;

/** `adds`: what the refused input takes with its thumbnail. */
export const inputStorageFull = (held: number, max: number, adds: number): AppError =>
  new AppError(
    "storage_full",
    adds > max
      ? tooLargeAlone(adds, `the ${megabytes(max)} MB of input images the playground keeps in all`, "INPUT_STORAGE_MB")
      : `The playground keeps at most ${megabytes(max)} MB of input images and holds ${megabytes(held)} MB now, ${tooLittleFor(adds)}; ${WHEN_DROPPED}. Delete edits you no longer need, try again tomorrow, or ask whoever runs it to raise INPUT_STORAGE_MB.`,
  );

/** One client's share is full, though the playground may have room: said apart, so nobody blames the others. */
export const clientInputStorageFull = (by: InputClient["by"], held: number, max: number, adds: number): AppError =>
  new AppError(
    "storage_full",
    adds > max
      ? tooLargeAlone(adds, `the ${megabytes(max)} MB one client may keep here`, "INPUT_STORAGE_PER_CLIENT_MB")
      : `The input images added ${by === "sign-in" ? "under your sign-in" : "from your address"} hold ${megabytes(held)} MB, and one client may keep at most ${megabytes(max)} MB of them here, ${tooLittleFor(adds)}; ${WHEN_DROPPED}. Delete edits you no longer need, try again tomorrow, or ask whoever runs it to raise INPUT_STORAGE_PER_CLIENT_MB.`,
  );

const refusal = (client: InputClient, { maxInputBytes, maxClientInputBytes }: Storage, { cap, held }: InputsFull, adds: number): AppError =>
  cap === "client" ? clientInputStorageFull(client.by, held, maxClientInputBytes, adds) : inputStorageFull(held, maxInputBytes, adds);

const keep = async (storage: Storage, client: InputClient, bytes: Buffer, from: StoredInput["from"]): Promise<InputImageView> => {
  const { store, images, maxInputBytes, maxClientInputBytes, now = Date.now } = storage;
  const check = await checkInputImage(bytes);
  if (!check.ok) throw new AppError("invalid_request", check.reason, { fields: [{ field: "input", message: check.reason }] });
  const { image } = check;
  const sha256 = createHash("sha256").update(image.bytes).digest("hex");
  const known = from ? null : await store.findInput({ sha256 });
  // Dropped between the look and the touch (the upkeep), it is kept anew below.
  if (known && (await store.touchInput(known.id, now()))) return toInputView(known);
  const thumbnail = await makeThumbnail(image.bytes);
  const adds = image.bytes.length + thumbnail.length;
  // Asked first, so a full store costs no upload; asked again as the record is added, where it holds.
  const mine = await store.inputBytes(client.key);
  // One larger than all the room is the total's to refuse: no share may be raised past it.
  if (mine + adds > maxClientInputBytes && adds <= maxInputBytes) throw clientInputStorageFull(client.by, mine, maxClientInputBytes, adds);
  const held = await store.inputBytes();
  if (held + adds > maxInputBytes) throw inputStorageFull(held, maxInputBytes, adds);
  const input: StoredInput = {
    id: randomUUID(), createdAt: now(), width: image.width, height: image.height, mime: image.mime,
    bytes: image.bytes.length, thumbBytes: thumbnail.length, sha256, from,
  };
  // Files first, record after: a crash in between leaves files the start-up sweep removes, never a record without them.
  await images.put(input.id, image.bytes, thumbnail);
  const full = await store.createInput(input, { maxBytes: maxInputBytes, client: { key: client.key, maxBytes: maxClientInputBytes } });
  // Refused under the lock: nothing points at the files. (A failure that cannot tell leaves them to the sweep.)
  if (full !== null) {
    await images.remove(input.id);
    throw refusal(client, storage, full, adds);
  }
  return toInputView(input);
};

export const recordUpload = (storage: Storage, client: InputClient, bytes: Buffer): Promise<InputImageView> => keep(storage, client, bytes, null);

/** A result from the history as the next edit's input: the start, or the next link, of a chain. */
export const recordFromResult = async (storage: Storage, client: InputClient, imageId: string): Promise<InputImageView> => {
  const image = await storage.store.image(imageId);
  const generation = image && (await storage.store.get(image.generationId));
  // Asked first, of an input kept before too: its size would tell the blind column's model all the same.
  if (generation && (await inHiddenComparison(storage.store, generation))) throw new AppError("forbidden", BLIND_EDIT);
  const known = await storage.store.findInput({ sourceImageId: imageId });
  if (known && (await storage.store.touchInput(known.id, (storage.now ?? Date.now)()))) return toInputView(known);
  const bytes = image && (await storage.images.read(imageId, "full"));
  if (!image || !generation || !bytes) throw new AppError("not_found", "That image is no longer in the history (it may have been deleted).");
  // A result is a model's own PNG and can pass the gateway's 10 MB; the same pixels as a JPEG (on white,
  // which has no transparency to lose) always fit.
  const fitted = bytes.length > ANY_EDIT_INPUT.maxBytes ? await sharp(bytes).flatten({ background: "#ffffff" }).jpeg({ quality: 92 }).toBuffer() : bytes;
  return keep(storage, client, fitted, {
    generationId: generation.id,
    imageId,
    inputId: generation.input?.id ?? null,
    model: generation.request.model,
    prompt: generation.request.prompt,
  });
};
