import { afterAll, beforeAll, beforeEach } from "vitest";
import type { SimulatorOptions } from "./handler";
import { startSimulatorServer, type SimulatorServer } from "./node-server";
import type { ImageItem } from "./answer-shapes";
import { DEFAULT_LINK_LIFETIME_SECONDS } from "./file-links";

/** Shared by the simulator's tests: a real HTTP client for the server, as the app's gateway code would be. */

export const TEST_KEY = "sk-test";

export const nativeBody = (model: string, prompt: string, parameters: Record<string, unknown> = {}) => ({
  model,
  input: { messages: [{ role: "user", content: [{ text: prompt }] }] },
  parameters,
});

export const generate = (
  server: SimulatorServer,
  body: unknown,
  { key = TEST_KEY, signal }: { key?: string | null; signal?: AbortSignal } = {},
): Promise<Response> =>
  fetch(`${server.url}/v1/images/generations`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(key === null ? {} : { authorization: `Bearer ${key}` }) },
    body: typeof body === "string" ? body : JSON.stringify(body),
    ...(signal ? { signal } : {}),
  });

export type { ImageItem } from "./answer-shapes";

export const imagesOf = async (response: Response): Promise<ImageItem[]> =>
  ((await response.json()) as { data: ImageItem[] }).data;

/** Server-side bookkeeping after a client abort happens a moment later than the client's own rejection. */
export const waitFor = async (check: () => boolean, timeoutMs = 3000): Promise<void> => {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/**
 * A simulator on an ephemeral loopback port for one test file, back to a clean state (no faults, no stats,
 * the given latency, format, shape and link lifetime) before each test. Returns a getter, since the server starts in beforeAll.
 */
export const useSimulatorServer = (options: SimulatorOptions = {}): (() => SimulatorServer) => {
  let server: SimulatorServer | undefined;
  const current = () => {
    if (!server) throw new Error("the simulator server has not started");
    return server;
  };
  beforeAll(async () => {
    server = await startSimulatorServer({ latencyMs: 0, ...options });
  });
  afterAll(() => server?.close());
  beforeEach(() => {
    current().simulator.reset();
    current().simulator.configure({
      latencyMs: options.latencyMs ?? 0,
      responseFormat: options.responseFormat ?? "url",
      answerShape: options.answerShape ?? "openai",
      linkLifetimeSeconds: options.linkLifetimeSeconds ?? DEFAULT_LINK_LIFETIME_SECONDS,
    });
  });
  return current;
};
