import { describe, expect, it } from "vitest";
import { isConflict, retryConflicts } from "./conflict-retry";

const failing = (code: string) => Object.assign(new Error(`failed with ${code}`), { code });

describe("a transaction rolled back for a conflict", () => {
  it("runs again after a deadlock or a serialization failure, and answers what the run that committed answered", async () => {
    for (const code of ["40P01", "40001"]) {
      let runs = 0;
      expect(await retryConflicts(async () => (++runs < 3 ? Promise.reject(failing(code)) : `done after ${runs}`))).toBe("done after 3");
    }
  });

  it("gives up after a few runs, with the last error", async () => {
    let runs = 0;
    await expect(
      retryConflicts(async () => {
        runs++;
        throw failing("40P01");
      }),
    ).rejects.toThrow("failed with 40P01");
    expect(runs).toBe(4);
  });

  it("does not run again after any other error", async () => {
    for (const error of [failing("23505"), new Error("no code"), "text", null]) {
      let runs = 0;
      await expect(retryConflicts(async () => { runs++; throw error; })).rejects.toBe(error);
      expect(runs).toBe(1);
    }
    expect(isConflict({ code: "40P01" })).toBe(true);
    expect(isConflict({ code: 40001 })).toBe(false);
  });
});
