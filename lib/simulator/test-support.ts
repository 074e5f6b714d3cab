import type { SimulatorServer } from "./node-server";

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

export type ImageItem = { url: string; b64_json: string; revised_prompt: string };

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
