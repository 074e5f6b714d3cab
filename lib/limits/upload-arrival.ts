import { AppError } from "../errors";

/** How long an upload's body may take to arrive: a minute and more for 10 MB on a phone's weak uplink. */
export const UPLOAD_ARRIVAL_MS = 120_000;

/**
 * The pace under which an upload is not really arriving: it holds one of the few places for bodies arriving
 * at once, so it is dropped and the place goes to someone else. A 10 MB photo must average 85 KB a second to
 * arrive within UPLOAD_ARRIVAL_MS at all; the floor is a fifth of that, counted over the whole upload from
 * after the grace, so a phone's slow start (a few round trips on a poor link) and a dip later both pass. The
 * silence allows a phone a hand-over between cells; a body that sent a burst and then nothing is dropped by it.
 * Holding a place thus costs a sender 16 KB a second for at most UPLOAD_ARRIVAL_MS.
 */
export const ARRIVAL_GRACE_MS = 10_000;
export const ARRIVAL_FLOOR_BYTES_PER_SECOND = 16 * 1024;
export const ARRIVAL_SILENCE_MS = 15_000;

export const SLOW_UPLOAD = `The image did not finish arriving within ${UPLOAD_ARRIVAL_MS / 1000} seconds. Try again on a faster connection, or with a smaller file.`;

const REFUSALS = {
  total: SLOW_UPLOAD,
  slow: `The image was arriving at under ${ARRIVAL_FLOOR_BYTES_PER_SECOND / 1024} KB a second, so the upload was stopped to free its place for others. Try again on a faster connection, or with a smaller file.`,
  nothing: `Nothing of the image arrived in its first ${ARRIVAL_GRACE_MS / 1000} seconds, so the upload was stopped to free its place for others. Check the connection, then try again.`,
  silent: `Nothing more of the image arrived for ${ARRIVAL_SILENCE_MS / 1000} seconds, so the upload was stopped to free its place for others. Check the connection, then try again.`,
} as const;

export type ArrivalShortfall = keyof typeof REFUSALS;

/** The refusal of an upload stopped for falling short of the pace: the app's 504, saying which way. */
export const arrivalRefusal = (shortfall: ArrivalShortfall): AppError => new AppError("timeout", REFUSALS[shortfall]);

/**
 * When a body that has brought `received` bytes, the last of them `lastAt` ms after it started, falls short
 * of the pace unless more arrives (ms after its start), and which way. The earliest wins.
 */
export const arrivalDeadline = (received: number, lastAt: number): { readonly at: number; readonly shortfall: ArrivalShortfall } => {
  const candidates = [
    // A body that sent nothing at all is told so, not called slow; the grace still bounds how long it holds a place.
    { at: Math.max(ARRIVAL_GRACE_MS, (received / ARRIVAL_FLOOR_BYTES_PER_SECOND) * 1000), shortfall: received === 0 ? ("nothing" as const) : ("slow" as const) },
    { at: lastAt + ARRIVAL_SILENCE_MS, shortfall: "silent" as const },
    { at: UPLOAD_ARRIVAL_MS, shortfall: "total" as const },
  ];
  return candidates.reduce((earliest, next) => (next.at < earliest.at ? next : earliest));
};

/**
 * The body as it arrives, and a signal that aborts with the refusal (`arrivalRefusal`) once it falls short of
 * the pace, counted from now. `stop` once the body is read, or given up on.
 */
export const watchArrival = (body: ReadableStream<Uint8Array>): { body: ReadableStream<Uint8Array>; signal: AbortSignal; stop: () => void } => {
  const started = Date.now();
  const controller = new AbortController();
  let received = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const arm = () => {
    clearTimeout(timer);
    const { at, shortfall } = arrivalDeadline(received, Date.now() - started);
    timer = setTimeout(() => controller.abort(arrivalRefusal(shortfall)), Math.max(0, started + at - Date.now()));
  };
  arm();
  const counted = body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform: (chunk, stream) => {
        received += chunk.byteLength;
        arm();
        stream.enqueue(chunk);
      },
    }),
  );
  return { body: counted, signal: controller.signal, stop: () => clearTimeout(timer) };
};
