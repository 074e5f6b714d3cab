import { describe, expect, it } from "vitest";
import { isPrivateAddress, resolvesToPrivateAddress } from "./private-address";

describe("private addresses", () => {
  it.each(["127.0.0.1", "10.0.0.1", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0", "::1", "fd00::1", "fe80::1", "::ffff:127.0.0.1"])(
    "%s is private",
    (address) => expect(isPrivateAddress(address)).toBe(true),
  );

  it.each(["8.8.8.8", "47.88.1.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"])("%s is public", (address) => expect(isPrivateAddress(address)).toBe(false));

  it("checks hosts by name too, and treats a name that does not resolve as unsafe", async () => {
    expect(await resolvesToPrivateAddress("localhost")).toBe(true);
    expect(await resolvesToPrivateAddress("[::1]")).toBe(true);
    expect(await resolvesToPrivateAddress("127.0.0.1")).toBe(true);
    expect(await resolvesToPrivateAddress("no-such-host.invalid")).toBe(true);
  });
});
