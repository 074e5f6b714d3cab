import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { format } from "node:util";
import { expect, vi } from "vitest";
import { ERROR_CODES, type ErrorCode } from "@/lib/errors";
import { isActive, type ComparisonView, type GenerationView } from "@/lib/generation/view";
import { startSimulatorServer, type SimulatorServer } from "@/lib/simulator/node-server";

/**
 * The API routes as the browser reaches them, in-process: the real handlers, the real singletons (read from
 * process.env once, on first use), a real SQLite history in a temporary folder, and the simulator on a real
 * socket standing in for the OneToken gateway. Nothing is mocked between the route and the wire.
 */

/** A key that must never show up in a log line, a response body or a response header. */
export const CANARY_KEY = "sk-canary-route-0123456789abcdef";

type GenerationsRoute = typeof import("@/app/api/generations/route");
type GenerationRoute = typeof import("@/app/api/generations/[id]/route");

export type RouteHarness = {
  readonly server: SimulatorServer;
  readonly dataDir: string;
  readonly generations: GenerationsRoute;
  readonly generation: GenerationRoute;
  readonly history: Awaited<ReturnType<typeof import("@/lib/history").getHistory>>;
  /** Every response the harness's helpers received, for leak checks at the end of a file. */
  readonly responses: Response[];
  close(): Promise<void>;
};

/** The singletons the app memoises on globalThis; any of them already set would have read another env. */
const SINGLETON_SLOTS = [
  "onetoken-playground.storage",
  "onetoken-playground.access",
  "onetoken-playground.rate-limit",
  "onetoken-playground.upload-limit",
  "onetoken-playground.history",
  "onetoken-playground.embedded-simulator",
] as const;

export type HarnessOptions = {
  readonly latencyMs?: number;
  readonly responseFormat?: "url" | "b64_json";
  /** Overrides of the environment below. */
  readonly env?: Readonly<Record<string, string | undefined>>;
};

export const startRouteHarness = async (options: HarnessOptions = {}): Promise<RouteHarness> => {
  for (const name of SINGLETON_SLOTS) {
    if (Symbol.for(name) in globalThis) {
      throw new Error(`${name} was set before this file configured the environment; the test file is not isolated.`);
    }
  }
  const server = await startSimulatorServer({
    apiKey: CANARY_KEY,
    latencyMs: options.latencyMs ?? 0,
    responseFormat: options.responseFormat ?? "url",
    port: 0,
  });
  const dataDir = await mkdtemp(join(tmpdir(), "route-test-"));
  // Unset rather than blank: lib/access/config.ts refuses a blank limit (see the report on that bug).
  const env: Record<string, string | undefined> = {
    ONETOKEN_API_KEY: CANARY_KEY,
    ONETOKEN_BASE_URL: server.url,
    ONETOKEN_REQUEST_STYLE: undefined,
    ONETOKEN_TIMEOUT_MS: "3000",
    ONETOKEN_CONNECT_TIMEOUT_MS: undefined,
    ONETOKEN_MAX_RETRIES: undefined,
    DATA_DIR: dataDir,
    PLAYGROUND_PASSWORD: "",
    PLAYGROUND_SESSION_SECRET: undefined,
    // lib/access/config.ts caps this at 10 000 (100 000 makes every route answer 500).
    RATE_LIMIT_PER_MINUTE: "10000",
    RATE_LIMIT_PER_ADDRESS_PER_MINUTE: undefined,
    MAX_CONCURRENT_GENERATIONS: "1000",
    DAILY_IMAGE_LIMIT: undefined,
    ...options.env,
  };
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  const apply = (values: Record<string, string | undefined>) => {
    for (const [name, value] of Object.entries(values)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  };
  apply(env);

  const generations = await import("@/app/api/generations/route");
  const generation = await import("@/app/api/generations/[id]/route");
  const history = await (await import("@/lib/history")).getHistory();

  return {
    server,
    dataDir,
    generations,
    generation,
    history,
    responses: [],
    close: async () => {
      await history.runner.idle();
      await history.store.close();
      await server.close();
      await rm(dataDir, { recursive: true, force: true });
      apply(previous);
    },
  };
};

export const GENERATIONS_URL = "http://localhost/api/generations";

export const jsonPost = (body: string, headers: Record<string, string> = {}): Request =>
  new Request(GENERATIONS_URL, { method: "POST", headers: { "content-type": "application/json", ...headers }, body });

/** A response with its body read once, kept on the harness for the leak checks. */
export type Answer = { readonly status: number; readonly headers: Headers; readonly text: string; readonly json: unknown };

const answer = async (harness: RouteHarness, response: Response): Promise<Answer> => {
  harness.responses.push(response.clone());
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text) as unknown;
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
};

export const post = async (harness: RouteHarness, request: Request): Promise<Answer> =>
  answer(harness, await harness.generations.POST(request));

export const postJson = (harness: RouteHarness, body: string, headers: Record<string, string> = {}): Promise<Answer> =>
  post(harness, jsonPost(body, headers));

/** GET /api/generations with `query` as its search parameters, as the history list asks for a page. */
export const listPage = async (harness: RouteHarness, query: string): Promise<Answer> =>
  answer(harness, await harness.generations.GET(new Request(`${GENERATIONS_URL}?${query}`)));

export const getRecord = async (harness: RouteHarness, id: string): Promise<GenerationView> => {
  const request = new Request(`${GENERATIONS_URL}/${encodeURIComponent(id)}`);
  const got = await answer(harness, await harness.generation.GET(request, { params: Promise.resolve({ id }) }));
  expect(got.status, got.text).toBe(200);
  return got.json as GenerationView;
};

const KNOWN_CODES = new Set<string>(Object.keys(ERROR_CODES));

/** `{ error: { code, message, retryAfterSeconds?, fields? } }` with the HTTP status its code stands for. */
export const expectErrorBody = (got: Answer): ErrorCode => {
  expect(got.json, got.text).toBeTypeOf("object");
  const error = (got.json as { error?: unknown } | null)?.error as Record<string, unknown> | undefined;
  expect(error, got.text).toBeTypeOf("object");
  const code = error?.code;
  expect(typeof code === "string" && KNOWN_CODES.has(code), `unknown error code in ${got.text}`).toBe(true);
  expect(ERROR_CODES[code as ErrorCode], got.text).toBe(got.status);
  expect(typeof error?.message === "string" && error.message.trim() !== "", `empty message in ${got.text}`).toBe(true);
  const allowed = new Set(["code", "message", "retryAfterSeconds", "fields"]);
  expect(Object.keys(error ?? {}).filter((key) => !allowed.has(key)), got.text).toEqual([]);
  if (error?.retryAfterSeconds !== undefined) {
    expect(Number.isInteger(error.retryAfterSeconds) && (error.retryAfterSeconds as number) >= 0, got.text).toBe(true);
    expect(got.headers.get("retry-after")).toBe(String(error.retryAfterSeconds));
  }
  if (error?.fields !== undefined) {
    expect(Array.isArray(error.fields), got.text).toBe(true);
    for (const field of error.fields as unknown[]) {
      expect(field, got.text).toEqual({ field: expect.any(String), message: expect.any(String) });
    }
  }
  expect(got.headers.get("content-type") ?? "").toMatch(/^application\/json/);
  expect(got.headers.get("cache-control")).toBe("no-store");
  return code as ErrorCode;
};

/** Polls a condition that settles a moment after something else (a socket close, a counter). */
export const waitFor = async (check: () => boolean, what: string, timeoutMs = 5000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
};

/** A set (comparison, grid, batch) once none of its generations waits or runs: queued ones start as others end. */
export const settledSet = async (harness: RouteHarness, id: string): Promise<ComparisonView> => {
  for (;;) {
    await harness.history.runner.idle();
    const view = await harness.history.store.getComparison(id);
    if (!view) throw new Error(`no set ${id}`);
    if (!view.columns.some((column) => isActive(column.generation.status))) return view;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

export type CapturedLog = { readonly level: "log" | "info" | "warn" | "error"; readonly line: string };

/**
 * Every console line for the rest of the file, formatted as Node would print it, kept for assertions rather
 * than printed (or thrown away unread).
 */
export const captureConsole = (): CapturedLog[] => {
  const lines: CapturedLog[] = [];
  for (const level of ["log", "info", "warn", "error"] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => {
      lines.push({ level, line: format(...args) });
    });
  }
  return lines;
};
