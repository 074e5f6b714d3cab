import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { fetchUpstreamImage, LINK_EXPIRED, MAX_IMAGE_BYTES } from "./fetch-image";

/** A loopback server that answers each path with a scripted image, redirect or flood. */
let server: Server;
let origin: string;
const asked = new Map<string, number>();

beforeAll(async () => {
  server = createServer((request, response) => {
    const path = request.url ?? "/";
    asked.set(path, (asked.get(path) ?? 0) + 1);
    if (path === "/image.png") return response.writeHead(200, { "content-type": "image/png" }).end(Buffer.from("png-bytes"));
    if (path === "/same-host-redirect") return response.writeHead(302, { location: "/image.png" }).end();
    if (path === "/other-host-redirect") return response.writeHead(302, { location: "http://localhost:1/secret" }).end();
    if (path === "/loop") return response.writeHead(302, { location: "/loop" }).end();
    if (path === "/gone") return response.writeHead(404).end();
    if (path === "/forbidden") return response.writeHead(403, { "content-type": "application/xml" }).end("<Error><Code>AccessDenied</Code><Message>Access denied.</Message></Error>");
    if (path === "/removed") return response.writeHead(410).end();
    // Fails as a CDN in trouble does, then delivers: the first ask with a 503, the second with a cut connection.
    if (path.startsWith("/blip")) {
      const seen = asked.get(path);
      if (seen === 1) return response.writeHead(503).end();
      if (seen === 2) return response.socket?.destroy();
      return response.writeHead(200, { "content-type": "image/png" }).end(Buffer.from("png-bytes"));
    }
    if (path === "/stall") return response.writeHead(200, { "content-type": "image/png" }).write("partial");
    if (path === "/declared-huge") return response.writeHead(200, { "content-length": String(MAX_IMAGE_BYTES + 1) }).end();
    if (path === "/flood") {
      const chunk = Buffer.alloc(1024 * 1024);
      const write = () => {
        while (response.write(chunk)) {
          if (response.destroyed) return;
        }
        response.once("drain", write);
      };
      response.writeHead(200, { "content-type": "image/png" });
      response.on("close", () => response.removeAllListeners("drain"));
      return write();
    }
    response.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  server.close();
});

const reason = async (url: string, trustedOrigin = origin) => {
  try {
    await fetchUpstreamImage(url, { trustedOrigin });
    return "fetched";
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return (error as AppError).message;
  }
};

describe("fetching an image the gateway linked to", () => {
  it("fetches plain http only from the gateway's own origin", async () => {
    expect((await fetchUpstreamImage(`${origin}/image.png`, { trustedOrigin: origin })).toString()).toBe("png-bytes");
    expect(await reason(`${origin}/image.png`, "https://api.onetoken.one")).toContain("http: is not https");
    expect(await reason("file:///etc/passwd")).toContain("file: is not https");
  });

  it("follows redirects on the same host and refuses those to another host", async () => {
    expect((await fetchUpstreamImage(`${origin}/same-host-redirect`, { trustedOrigin: origin })).toString()).toBe("png-bytes");
    expect(await reason(`${origin}/other-host-redirect`)).toContain("redirects to another host");
    expect(await reason(`${origin}/loop`)).toContain("too many redirects");
  });

  it("refuses https links into a private network, and stalled links after the deadline", async () => {
    expect(await reason("https://127.0.0.1:1/x.png")).toContain("private network");
    expect(await reason("https://169.254.169.254/latest/meta-data")).toContain("private network");
    const started = Date.now();
    const stalled = await fetchUpstreamImage(`${origin}/stall`, { trustedOrigin: origin, timeoutMs: 300 }).catch((error: AppError) => error.message);
    expect(stalled).toContain("did not deliver the image in time");
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("checks the address it actually connects to: a name that resolves elsewhere the second time is refused", async () => {
    // DNS rebinding: public for the first look, this machine (where the test server listens) for the connection.
    const answers = [["93.184.216.34"], ["127.0.0.1"]];
    const resolve = async () => answers.shift() ?? ["127.0.0.1"];
    const port = new URL(origin).port;
    const refused = await fetchUpstreamImage(`https://rebind.example:${port}/image.png`, { trustedOrigin: "https://api.onetoken.one", resolve, timeoutMs: 2_000 }).catch(
      (error: AppError) => error.message,
    );
    expect(refused).toContain("private network");
    expect(answers).toEqual([]);
  });

  it("asks a link again after a 503 or a cut connection (the image is paid for), twice at most, and a 404 once", async () => {
    expect((await fetchUpstreamImage(`${origin}/blip-1`, { trustedOrigin: origin })).toString()).toBe("png-bytes");
    expect(asked.get("/blip-1")).toBe(3);
    expect(await reason(`${origin}/always-500`)).toContain("answered 500");
    expect(asked.get("/always-500")).toBe(3);
    expect(await reason(`${origin}/gone`)).toContain("answered 404");
    expect(asked.get("/gone")).toBe(1);
  });

  it("says a link expired where its refusal says so (a 410, or a 403 naming it), and only there", async () => {
    expect(await reason(`${origin}/removed`)).toBe(LINK_EXPIRED);
    expect(asked.get("/removed")).toBe(1);
    expect(await reason(`${origin}/forbidden`)).toContain("answered 403");
  });

  it("refuses a failed link and anything larger than an image can be", async () => {
    expect(await reason(`${origin}/gone`)).toContain("answered 404");
    expect(await reason(`${origin}/declared-huge`)).toContain("too large");
    expect(await reason(`${origin}/flood`)).toContain("too large");
  });
});
