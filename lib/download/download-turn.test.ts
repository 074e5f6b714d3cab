import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { captureConsole, startRouteHarness, type RouteHarness } from "@/test/route-harness";
import { checkAddress } from "./download-check";
import { DOWNLOAD_FROM_ELSEWHERE, withDownloadTurn } from "./download-turn";

/** A download's turn of the rate limit, with the real limit of a process configured for 2 a minute. */

let harness: RouteHarness;
beforeAll(async () => {
  captureConsole();
  harness = await startRouteHarness({ env: { RATE_LIMIT_PER_MINUTE: "2" } });
});
afterAll(async () => {
  await harness?.close();
});

const DECK = "http://localhost/api/comparisons/set-1/deck";
const made = async () => "the file";
const busy = async (): Promise<string> => {
  throw new AppError("busy", "Another slide deck is being made right now, and one is made at a time here. Try again in a minute.", { retryAfterSeconds: 30 });
};

describe("a download's turn of the rate limit", () => {
  it("is given back when the download was refused as busy, kept when a file was made, and never taken by a check", async () => {
    const session = "session-busy";
    // Refused as busy three times over: nothing was made, so nothing is counted.
    for (let tries = 0; tries < 3; tries++) await expect(withDownloadTurn(new Request(DECK), session, busy)).rejects.toMatchObject({ code: "busy" });
    // Checks ask whether a turn would be refused without taking one.
    for (let checks = 0; checks < 3; checks++) expect(await withDownloadTurn(new Request(checkAddress(DECK)), session, made)).toBe("the file");
    expect(await withDownloadTurn(new Request(DECK), session, made)).toBe("the file");
    expect(await withDownloadTurn(new Request(DECK), session, made)).toBe("the file");
    // Two files made this minute: the third is refused, and so is its check.
    await expect(withDownloadTurn(new Request(DECK), session, made)).rejects.toMatchObject({ code: "too_many_requests" });
    await expect(withDownloadTurn(new Request(checkAddress(DECK)), session, made)).rejects.toMatchObject({ code: "too_many_requests" });
  });

  it("is refused, untaken, to a request another site's page made, and taken for the playground's own or a typed address", async () => {
    const session = "session-elsewhere";
    const from = (site: string) => new Request(DECK, { headers: { "sec-fetch-site": site } });
    // As many as a page elsewhere likes: each refused before any turn is taken or any work done.
    for (const site of ["cross-site", "same-site", "cross-site", "cross-site"]) {
      await expect(withDownloadTurn(from(site), session, made)).rejects.toMatchObject({ code: "forbidden", message: DOWNLOAD_FROM_ELSEWHERE });
    }
    expect(await withDownloadTurn(from("same-origin"), session, made)).toBe("the file");
    expect(await withDownloadTurn(from("none"), session, made)).toBe("the file");
    await expect(withDownloadTurn(from("same-origin"), session, made)).rejects.toMatchObject({ code: "too_many_requests" });
  });
});
