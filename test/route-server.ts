import { createServer, request as httpRequest, type ClientRequest, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";

/**
 * A route handler served on a real loopback socket, its request body handed over as Next hands it (the
 * incoming message itself, read by undici), so a test can send a body at a sender's pace, stall it, and see
 * what the route does with the socket. The client's address header is passed through as sent: it stands in
 * for the one lib/access/stamp-client.ts writes.
 */

export type RouteServer = { readonly port: number; close(): Promise<void> };

export const serveRoute = async (handler: (request: Request) => Promise<Response>): Promise<RouteServer> => {
  const server = createServer((incoming, outgoing) => {
    const headers = new Headers();
    for (const [name, value] of Object.entries(incoming.headers)) if (typeof value === "string") headers.set(name, value);
    const request = new Request(`http://localhost${incoming.url ?? "/"}`, { method: incoming.method, headers, body: incoming as unknown as BodyInit, duplex: "half" } as RequestInit);
    void handler(request).then(async (response) => {
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) Readable.fromWeb(response.body as import("node:stream/web").ReadableStream).pipe(outgoing);
      else outgoing.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
};

/** How a request sent to a `RouteServer` ended: answered (status and body), or its socket closed unanswered. */
export type Ending = { readonly status: number; readonly text: string } | { readonly closed: true };

/**
 * A POST whose body starts with `first` and then says nothing more, though `headers` may promise more: the
 * request, to be destroyed once done with, and how it ends.
 */
export const postAndStall = (port: number, path: string, headers: IncomingHttpHeaders, first: Uint8Array): { request: ClientRequest; ended: Promise<Ending> } => {
  const request = httpRequest({ host: "127.0.0.1", port, path, method: "POST", headers });
  const ended = new Promise<Ending>((resolve) => {
    let answered = false;
    request.on("response", (response) => {
      answered = true;
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => resolve({ status: response.statusCode ?? 0, text }));
      response.on("error", () => resolve({ closed: true }));
    });
    request.on("error", () => resolve({ closed: true }));
    request.on("close", () => {
      if (!answered) resolve({ closed: true });
    });
  });
  request.flushHeaders();
  request.write(first);
  return { request, ended };
};
