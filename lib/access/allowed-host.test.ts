import { describe, expect, it } from "vitest";
import { isAllowedHost, publicOrigin } from "./allowed-host";

describe("the hosts that may change anything", () => {
  it("are loopback, whatever the port", () => {
    for (const host of ["localhost:3000", "127.0.0.1:3100", "[::1]:3000", "LOCALHOST", "app.localhost:3000"]) expect(isAllowedHost(host, [])).toBe(true);
  });

  it("and the configured origins, exactly", () => {
    const origins = ["https://play.example.com", "http://192.168.1.5:3000"];
    expect(isAllowedHost("play.example.com", origins)).toBe(true);
    expect(isAllowedHost("192.168.1.5:3000", origins)).toBe(true);
    expect(isAllowedHost("192.168.1.5:3001", origins)).toBe(false);
    expect(isAllowedHost("evil.example", origins)).toBe(false);
    // A rebinding name resolving to this machine, and names that only contain an allowed one.
    expect(isAllowedHost("rebind.attacker.test:3000", [])).toBe(false);
    expect(isAllowedHost("127.0.0.1.attacker.test", [])).toBe(false);
    expect(isAllowedHost("localhost.attacker.test", [])).toBe(false);
    expect(isAllowedHost(null, origins)).toBe(false);
  });
});

describe("the origin written into take-away links", () => {
  const origins = ["https://play.example.com", "http://192.168.1.5:3000"];

  it("is the loopback name the request came to, not the name the server listens on", () => {
    expect(publicOrigin({ host: "127.0.0.1:3420", forwardedHost: null }, [])).toBe("http://127.0.0.1:3420");
    expect(publicOrigin({ host: "[::1]:3000", forwardedHost: null }, origins)).toBe("http://[::1]:3000");
  });

  it("is a listed origin with its own scheme, the proxy's forwarded name first", () => {
    expect(publicOrigin({ host: "play.example.com", forwardedHost: null }, origins)).toBe("https://play.example.com");
    expect(publicOrigin({ host: "127.0.0.1:3000", forwardedHost: "play.example.com" }, origins)).toBe("https://play.example.com");
    expect(publicOrigin({ host: "127.0.0.1:3000", forwardedHost: "PLAY.example.com, proxy.internal" }, origins)).toBe("https://play.example.com");
  });

  it("never writes a name the server does not answer at", () => {
    expect(publicOrigin({ host: "127.0.0.1:3000", forwardedHost: "evil.example" }, origins)).toBe("http://127.0.0.1:3000");
    expect(publicOrigin({ host: "evil.example", forwardedHost: null }, origins)).toBe("http://localhost");
  });
});
