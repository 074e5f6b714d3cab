import { createServer, request as forward, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream";

/**
 * A small load balancer on loopback, as a team would put in front of several instances: each request goes
 * to the next backend in turn (a backend that refuses the connection is skipped, as a health check would),
 * with the client's Host header kept. It counts what each backend served.
 */
export type RoundRobinProxy = {
  readonly url: string;
  /** Requests each backend answered, by its URL. */
  readonly served: Map<string, number>;
  /** The backend that answered the last `method` request to exactly `path`. */
  lastServer(method: string, path: string): string | undefined;
  close(): Promise<void>;
};

export const startRoundRobinProxy = async (backends: readonly string[]): Promise<RoundRobinProxy> => {
  let next = 0;
  const served = new Map(backends.map((backend) => [backend, 0]));
  const log: Array<{ method: string; path: string; backend: string }> = [];

  // `at`: the backend to try, counted on from the one that refused (other requests move `next` meanwhile).
  const pass = (incoming: IncomingMessage, outgoing: ServerResponse, body: Buffer, tries: number, at: number) => {
    const backend = backends[at % backends.length] ?? "";
    const target = new URL(incoming.url ?? "/", backend);
    // A fresh connection per request: a pooled one the backend is just closing (its keep-alive timeout) would
    // fail the request, a race of this test proxy's, not of the instances behind it.
    const upstream = forward(target, { method: incoming.method, headers: incoming.headers, agent: false }, (answer) => {
      served.set(backend, (served.get(backend) ?? 0) + 1);
      log.push({ method: incoming.method ?? "GET", path: incoming.url ?? "/", backend });
      outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
      // A backend that dies mid-answer (a stream held open) takes the client's connection with it, as a real
      // proxy does, so the client sees the drop and reconnects.
      pipeline(answer, outgoing, () => undefined);
    });
    upstream.on("error", (error: NodeJS.ErrnoException) => {
      // Nothing listening there (the instance is down): the next one takes the request.
      if (error.code === "ECONNREFUSED" && tries + 1 < backends.length) pass(incoming, outgoing, body, tries + 1, at + 1);
      else if (!outgoing.headersSent) outgoing.writeHead(502).end("bad gateway");
      else outgoing.destroy();
    });
    upstream.end(body);
  };

  const server: Server = createServer((incoming, outgoing) => {
    const chunks: Buffer[] = [];
    incoming.on("data", (chunk: Buffer) => chunks.push(chunk));
    incoming.on("end", () => pass(incoming, outgoing, Buffer.concat(chunks), 0, next++));
  });
  // Idle client connections stay open until close(): a client reusing one as the proxy closed it would see a
  // hang-up that no instance caused.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    served,
    lastServer: (method, path) => log.findLast((entry) => entry.method === method && entry.path === path)?.backend,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
