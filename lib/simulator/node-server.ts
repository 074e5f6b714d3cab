import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { isConnectionReset, jsonResponse } from "./envelopes";
import { createSimulator, type Simulator, type SimulatorOptions } from "./handler";

export type SimulatorServerOptions = SimulatorOptions & { readonly port?: number; readonly host?: string };

export type SimulatorServer = {
  /** Base URL without a trailing slash, e.g. http://127.0.0.1:4010. */
  readonly url: string;
  readonly port: number;
  readonly simulator: Simulator;
  /** Stops listening and drops open connections, hanging requests included, so callers never wait on them. */
  close(): Promise<void>;
};

/** The simulator on a real socket, so the app's gateway client is tested over HTTP exactly as in production. */
export const startSimulatorServer = async (options: SimulatorServerOptions): Promise<SimulatorServer> => {
  const simulator = createSimulator(options);
  const host = options.host ?? "127.0.0.1";
  const server = createServer((req, res) => {
    void bridge(simulator, req, res);
  });
  // As the proxies in front of real gateways do (nginx keeps idle connections 75 s): Node's own 5 s races the
  // client's 4 s pool under load, and a POST sent on a socket closing that instant fails as "other side closed".
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => {
      server.off("error", reject);
      // A connection the server cannot take (no file descriptor left) is said, not thrown: `npm run simulator` runs on.
      server.on("error", (error) => console.error(`simulator: ${error.message}`));
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(":") ? `[${host}]` : host;
  return {
    url: `http://${urlHost}:${port}`,
    port,
    simulator,
    close: () =>
      new Promise<void>((resolve) => {
        // The callback's error only says the server had already stopped, which is the state wanted anyway.
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
};

const bridge = async (simulator: Simulator, req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const disconnect = new AbortController();
  // 'close' also follows a completed response; only an early one means the client went away.
  res.on("close", () => {
    if (!res.writableFinished) disconnect.abort();
  });
  let response: Response;
  try {
    const request = toWebRequest(req, disconnect.signal);
    response = await simulator.handle(request, disconnect.signal);
    drainUnread(request);
  } catch (error) {
    response = jsonResponse(500, { code: "InternalError", message: `The simulator failed: ${String(error)}` });
  }
  if (isConnectionReset(response)) {
    // A TCP reset, not a clean close, so the client sees the connection die before any answer.
    req.socket.resetAndDestroy();
    return;
  }
  await send(response, res);
};

const toWebRequest = (req: IncomingMessage, signal: AbortSignal): Request => {
  const method = req.method ?? "GET";
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const item of Array.isArray(value) ? value : value === undefined ? [] : [value]) headers.append(name, item);
  }
  const hasBody = method !== "GET" && method !== "HEAD";
  // Node's fetch needs duplex for a streamed body; the DOM typings in this project predate the field.
  const init: RequestInit & { duplex: "half" } = {
    method,
    headers,
    body: hasBody ? (Readable.toWeb(req) as unknown as ReadableStream<Uint8Array>) : null,
    duplex: "half",
    signal,
  };
  // Concatenated, not resolved: a path like "//evil.test/x" must stay a path, not become another origin.
  return new Request(`http://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, init);
};

/**
 * A route that answered without reading the body (401, faults) would leave it paused in the socket and stall
 * the next request on a kept-alive connection; reading it to nowhere keeps the connection usable.
 */
const drainUnread = (request: Request): void => {
  if (request.body && !request.bodyUsed) void request.body.pipeTo(new WritableStream()).catch(() => undefined);
};

const send = async (response: Response, res: ServerResponse): Promise<void> => {
  if (res.destroyed) {
    await response.body?.cancel();
    return;
  }
  res.statusCode = response.status;
  response.headers.forEach((value, name) => res.setHeader(name, value));
  if (!response.body) {
    res.end();
    return;
  }
  const reader = response.body.getReader();
  // Cancelling tells the body's source (the endless fault stream, say) to stop producing.
  const stop = () => void reader.cancel().catch(() => undefined);
  res.once("close", stop);
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || res.destroyed) break;
      if (!res.write(value)) await writable(res);
    }
    if (!res.destroyed) res.end();
  } catch {
    res.destroy();
  } finally {
    res.off("close", stop);
    // The loop can see the socket gone before its 'close' event has run `stop`.
    if (res.destroyed) stop();
  }
};

/** Backpressure: wait until the socket takes more, or is gone. */
const writable = (res: ServerResponse): Promise<void> =>
  new Promise((resolve) => {
    const done = () => {
      res.off("drain", done);
      res.off("close", done);
      resolve();
    };
    res.on("drain", done);
    res.on("close", done);
  });
