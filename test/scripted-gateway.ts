import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import sharp from "sharp";
import { afterAll, beforeAll, beforeEach } from "vitest";

/**
 * A gateway on loopback that answers every image call with the body a test scripts, as a broken or hostile
 * gateway would, and serves links of its own to put in it: `/good.png` (a real PNG), `/page.html` (a web
 * page) and `/elsewhere` (a redirect to another host); any other path answers 404. Every request is
 * recorded, so a test sees where the server was sent.
 */

export type ScriptedRequest = { readonly method: string; readonly path: string };

export type ScriptedGateway = {
  readonly url: string;
  /** What every POST answers from now on, as JSON. */
  answer(body: unknown): void;
  readonly requests: readonly ScriptedRequest[];
};

/** One scripted gateway for a test file, its script and record emptied before each test. */
export const useScriptedGateway = (): ScriptedGateway => {
  let server: Server | undefined;
  let url = "";
  let script: unknown = {};
  const requests: ScriptedRequest[] = [];

  beforeAll(async () => {
    const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: "#4a7" } }).png().toBuffer();
    server = createServer((request, response) => {
      const path = request.url ?? "/";
      requests.push({ method: request.method ?? "", path });
      request.resume();
      if (request.method === "POST") return void response.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(script));
      if (path === "/good.png") return void response.writeHead(200, { "content-type": "image/png" }).end(png);
      if (path === "/page.html") return void response.writeHead(200, { "content-type": "text/html" }).end("<html><body>Hello</body></html>");
      if (path === "/elsewhere") return void response.writeHead(302, { location: "http://localhost:1/image.png" }).end();
      response.writeHead(404).end();
    });
    await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => {
    server?.closeAllConnections();
    server?.close();
  });
  beforeEach(() => {
    script = {};
    requests.length = 0;
  });

  return {
    get url() {
      return url;
    },
    answer: (body) => {
      script = body;
    },
    requests,
  };
};
