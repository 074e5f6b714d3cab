import { createServer, request as forward } from "node:http";
import type { AddressInfo } from "node:net";
import { pipeline } from "node:stream";

/**
 * A proxy on loopback that sends the page's HTML in two parts, `holdMs` apart, cut where `cutAt` says, as a
 * slow network or a device short of CPU leaves the browser with half a document; anything else passes through
 * as it comes (the event stream included).
 */
export type HoldingProxy = {
  readonly url: string;
  /** Settles once the first part of the page has been sent, while the rest is held. */
  readonly holding: Promise<void>;
  close(): Promise<void>;
};

export const startHoldingProxy = async (origin: string, cutAt: (html: string) => number, holdMs: number): Promise<HoldingProxy> => {
  let startedHolding = () => {};
  const holding = new Promise<void>((resolve) => (startedHolding = resolve));
  const server = createServer((incoming, outgoing) => {
    const page = incoming.method === "GET" && incoming.url === "/";
    // The page uncompressed, so that it can be cut in its text.
    const headers = page ? { ...incoming.headers, "accept-encoding": "identity" } : incoming.headers;
    const upstream = forward(new URL(incoming.url ?? "/", origin), { method: incoming.method, headers, agent: false }, (answer) => {
      if (!page) {
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        pipeline(answer, outgoing, () => {});
        return;
      }
      const chunks: Buffer[] = [];
      answer.on("data", (chunk: Buffer) => chunks.push(chunk));
      answer.on("end", () => {
        const html = Buffer.concat(chunks);
        const { "content-length": _length, "transfer-encoding": _encoding, ...rest } = answer.headers;
        outgoing.writeHead(answer.statusCode ?? 502, rest);
        const text = html.toString("utf8");
        const cut = Buffer.byteLength(text.slice(0, cutAt(text)));
        outgoing.write(html.subarray(0, cut), () => startedHolding());
        setTimeout(() => outgoing.end(html.subarray(cut)), holdMs);
      });
    });
    upstream.on("error", () => outgoing.destroy());
    pipeline(incoming, upstream, () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    holding,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
};
