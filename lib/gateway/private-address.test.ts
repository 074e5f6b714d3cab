import { describe, expect, it } from "vitest";
import { isPrivateAddress, resolvesToPrivateAddress } from "./private-address";

describe("private addresses", () => {
  it.each(["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1",
    // Reserved, documentation and multicast IPv4; IPv6 outside global unicast or carrying an IPv4 address inside.
    "192.0.0.8", "192.0.2.1", "198.51.100.7", "203.0.113.9", "224.0.0.1", "240.0.0.1", "255.255.255.255",
    "64:ff9b::a9fe:a9fe", "64:ff9b:1::a00:1", "::7f00:1", "::a9fe:a9fe", "2002:a00:1::1", "2001:0:4136:e378::1", "2001:db8::1", "ff02::1", "100::1", "::ffff:a9fe:a9fe"])(
    "%s is private",
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );

  it.each(["8.8.8.8", "47.88.1.1", "2001:4860:4860::8888", "2400:3200::1", "2a00:1450:4001::1", "::ffff:8.8.8.8"])("%s is public", (address) => expect(isPrivateAddress(address)).toBe(false));

  it("checks hosts by name too, and treats a name that does not resolve as unsafe", async () => {
    expect(await resolvesToPrivateAddress("localhost")).toBe(true);
    expect(await resolvesToPrivateAddress("[::1]")).toBe(true);
    expect(await resolvesToPrivateAddress("127.0.0.1")).toBe(true);
    expect(await resolvesToPrivateAddress("no-such-host.invalid")).toBe(true);
  });
});
