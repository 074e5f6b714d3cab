import { Agent, fetch } from "undici";
import { AppError } from "../errors";
import { readTextCapped } from "../http/read-json-body";

/**
 * One HTTP exchange with the gateway (a generation's POST, a task's query or cancel), with the key, the
 * connection pool and the size cap every exchange shares. Free of Next so the tests run it on a real socket.
 */

export type GatewayTarget = { readonly baseUrl: string; readonly apiKey: string };

/** A request the settings cannot make (fetch refuses to build it): nothing was sent. */
export class RequestNotMade extends Error {}

export type Exchange = { readonly status: number; readonly ok: boolean; readonly headers: Headers; readonly text: string };

/**
 * One connection pool per connect timeout. The gateway answers only when the images exist (30 s to 2 min on
 * slow models), so undici's own header and body timeouts are off: the whole-call timeout governs those.
 */
const agents = new Map<number, Agent>();
const agentFor = (connectTimeoutMs: number): Agent => {
  let agent = agents.get(connectTimeoutMs);
  if (!agent) {
    agent = new Agent({ connect: { timeout: connectTimeoutMs }, headersTimeout: 0, bodyTimeout: 0 });
    agents.set(connectTimeoutMs, agent);
  }
  return agent;
};

/**
 * Socket errors that prove the request never reached the gateway: refused, or never connected. A reset or
 * a dropped socket may come after the POST went out, while the model works (and bills), so those are not
 * retried.
 */
const NO_RESPONSE_CODES: ReadonlySet<string> = new Set(["ECONNREFUSED", "UND_ERR_CONNECT_TIMEOUT"]);

/** The socket error's code when `error` proves the request never reached the gateway. */
export const noResponseCode = (error: unknown): string | undefined => {
  if (!(error instanceof TypeError)) return undefined;
  const code: unknown = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" && NO_RESPONSE_CODES.has(code) ? code : undefined;
};

export type ExchangeOptions = {
  /** Ends the exchange, until a 2xx answer has begun (then `answerSignal` governs its body, when given). */
  readonly signal: AbortSignal;
  /**
   * Ends the reading of a 2xx answer's body. Once the gateway answers success it has billed the work: a
   * cancel or the call's deadline would only throw away images that are paid for, so that body has a limit
   * of its own.
   */
  readonly answerSignal?: AbortSignal;
  readonly connectTimeoutMs: number;
  /** The most of an answer's body that is read; past it `tooLarge()` is thrown. */
  readonly maxBytes: number;
  readonly tooLarge: () => AppError;
};

export const exchange = async (
  target: GatewayTarget,
  path: string,
  init: { readonly method: "GET" | "POST"; readonly body?: string },
  options: ExchangeOptions,
): Promise<Exchange> => {
  const url = `${target.baseUrl}${path}`;
  const headers = {
    // An empty key sends none: the connection check asks once without one, to see that anything answers.
    ...(target.apiKey !== "" && { authorization: `Bearer ${target.apiKey}` }),
    accept: "application/json",
    ...(init.body !== undefined && { "content-type": "application/json" }),
  };
  // Built first on its own: what fetch refuses to send (a password in the address, a key no header can
  // carry) is known to have gone nowhere.
  try {
    new Request(url, { method: init.method, headers });
  } catch (error) {
    throw new RequestNotMade(String(error));
  }
  // The fetch follows a signal of its own, so that it can stop following `signal` once a 2xx has begun.
  const controller = new AbortController();
  let unfollow = follow(options.signal, controller);
  try {
    const response = await fetch(url, {
      method: init.method,
      headers,
      ...(init.body !== undefined && { body: init.body }),
      signal: controller.signal,
      // A redirect could steer the key to another host, and a POST must never be silently replayed there.
      redirect: "error",
      dispatcher: agentFor(options.connectTimeoutMs),
    });
    if (response.ok && options.answerSignal) {
      unfollow();
      unfollow = follow(options.answerSignal, controller);
    }
    const text = await readTextCapped(response.body as ReadableStream<Uint8Array> | null, options.maxBytes, options.tooLarge, controller.signal);
    return { status: response.status, ok: response.ok, headers: response.headers as unknown as Headers, text };
  } finally {
    unfollow();
  }
};

/** Aborts `controller` with `signal`'s reason when `signal` aborts; returns the way to stop. */
const follow = (signal: AbortSignal, controller: AbortController): (() => void) => {
  const onAbort = () => controller.abort(signal.reason);
  if (signal.aborted) onAbort();
  else signal.addEventListener("abort", onAbort, { once: true });
  return () => signal.removeEventListener("abort", onAbort);
};
