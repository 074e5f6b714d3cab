import { createServer } from "node:http";
import { describe, expect, it } from "vitest";
import { CLIENT_ADDRESS_HEADER, clientAddress, limitAddress } from "./client-address";
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
    // Fewer entries than declared proxies: the request did not come through them all, so whatever it carries may
    // be the client's own writing; the connection's address is the one known.
    expect(clientAddress("10.0.0.1", undefined, 3)).toBe("10.0.0.1");
    expect(clientAddress("10.0.0.2", "6.6.6.6", 2)).toBe("10.0.0.2");
    expect(clientAddress("10.0.0.2", "6.6.6.6, 7.7.7.7", 3)).toBe("10.0.0.2");
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

describe("the client's address as its limits count it", () => {
  it("is an IPv6 address's /64, however it is written: one host holds the whole /64", () => {
    const key = limitAddress("2001:db8:1:2::1");
    expect(key).toBe("2001:db8:1:2::/64");
    for (const same of ["2001:db8:1:2::2:3", "2001:0DB8:0001:0002:ffff:ffff:ffff:ffff", "2001:db8:1:2:a:b:c:d", "[2001:db8:1:2::7]:443", "2001:db8:1:2::1%eth0"]) {
      expect(limitAddress(same), same).toBe(key);
    }
    expect(limitAddress("2001:db8:1:3::1")).not.toBe(key);
    expect(limitAddress("::1")).toBe("0:0:0:0::/64");
    expect(limitAddress("2001:db8::")).toBe("2001:db8:0:0::/64");
  });

  it("is the IPv4 address inside an IPv4-mapped IPv6 one, and an address without the port a proxy wrote", () => {
    for (const same of ["::ffff:203.0.113.7", "::FFFF:cb00:7107", "0:0:0:0:0:ffff:203.0.113.7", "203.0.113.7:5678", "[::ffff:203.0.113.7]:80"]) {
      expect(limitAddress(same), same).toBe("203.0.113.7");
    }
    expect(limitAddress("203.0.113.7")).toBe("203.0.113.7");
    // Through a proxy that writes `address:port` into X-Forwarded-For, each connection is still the one client.
    expect(limitAddress(clientAddress("10.0.0.1", "1.2.3.4:5678", 1))).toBe("1.2.3.4");
  });

  it("leaves anything that is not an address as it is", () => {
    for (const other of ["unknown", "1:2:3:4:5:6:7:8:9", "1::2::3", "2001:db8::g", "256.1.1.1", "::ffff:1.2.3.4:5", ""]) {
      expect(limitAddress(other), other).toBe(other);
    }
  });

  it("leaves the address the server writes as it was: only the key is narrowed", () => {
    expect(clientAddress("2001:db8:1:2::1", undefined, 0)).toBe("2001:db8:1:2::1");
    expect(clientAddress("::ffff:203.0.113.7", undefined, 0)).toBe("::ffff:203.0.113.7");
  });
});
