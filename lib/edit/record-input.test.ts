import { describe, expect, it } from "vitest";
import { clientInputStorageFull, inputStorageFull } from "./record-input";

const MB = 1024 * 1024;

describe("the inputs' storage refusals", () => {
  it("give what is held, and what the refused image takes, to a tenth of a megabyte", () => {
    expect(clientInputStorageFull("address", 0.6 * MB, MB, 0.5 * MB).message).toMatch(
      /^The input images added from your address hold 0\.6 MB, and one client may keep at most 1 MB of them here, leaving too little for this image \(0\.5 MB with its thumbnail\); /,
    );
    expect(inputStorageFull(1.84 * MB, 2 * MB, 0.3 * MB).message).toMatch(
      /^The playground keeps at most 2 MB of input images and holds 1\.9 MB now, leaving too little for this image \(0\.3 MB with its thumbnail\); /,
    );
  });

  it("give an image larger than all the room its own size, not a whole megabyte more", () => {
    expect(inputStorageFull(0, MB, 1.5 * MB).message).toMatch(/^This image alone takes 1\.5 MB with its thumbnail, more than the 1 MB of input images/);
    expect(clientInputStorageFull("sign-in", 0, 12 * MB, 12.01 * MB).message).toMatch(/^This image alone takes 12\.1 MB with its thumbnail, more than the 12 MB one client/);
  });
});
