import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress } from "./client-address";
import { stampClientAddresses } from "./stamp-client";

describe("the client's address", () => {
  it("is the socket's without trusted proxies, whatever X-Forwarded-For says", () => {
    expect(clientAddress("203.0.113.7", "1.2.3.4", 0)).toBe("203.0.113.7");
    expect(clientAddress(undefined, undefined, 0)).toBe("unknown");
  });

  it("is what the outermost trusted proxy saw, never an entry the client wrote", () => {
    // client -> proxy A (appends the client) -> proxy B (appends A) -> the app (socket: B).
    expect(clientAddress("10.0.0.2", "198.51.100.9, 10.0.0.1", 2)).toBe("198.51.100.9");
    // The client forged entries in front: they are further left than the trusted ones look.
    expect(clientAddress("10.0.0.2", "6.6.6.6, 7.7.7.7, 198.51.100.9, 10.0.0.1", 2)).toBe("198.51.100.9");
    expect(clientAddress("10.0.0.1", ["6.6.6.6", "198.51.100.9"], 1)).toBe("198.51.100.9");
    // Fewer entries than declared proxies: the first known.
    expect(clientAddress("10.0.0.1", undefined, 3)).toBe("10.0.0.1");
  });

  it("is written by the server into its own header before any handler sees the request", async () => {
    stampClientAddresses(0);
    const server = createServer((request, response) => response.end(String(request.headers[CLIENT_ADDRESS_HEADER])));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : 0;
    const seen = await (await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "1.2.3.4", [CLIENT_ADDRESS_HEADER]: "forged" } })).text();
    await new Promise((resolve) => server.close(resolve));
    expect(seen).toMatch(/^(::ffff:)?127\.0\.0\.1$/);
  });
});
