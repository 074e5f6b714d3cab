import { describe, expect, it } from "vitest";
import { isAllowedHost } from "./allowed-host";

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
