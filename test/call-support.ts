import { createServer } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { expect } from "vitest";
import { AppError } from "@/lib/errors";
import type { ImageAnswer } from "@/lib/gateway/answer";

/** Shared by the gateway client's tests. */

/** The app's error a call failed with; fails the test if it succeeded or threw anything else. */
export const failureOf = async (promise: Promise<unknown>): Promise<AppError> => {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error("expected the call to fail");
};

/** A loopback port with nothing listening, so connecting to it is refused at once. */
export const closedPort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
};

/** An answer with nothing in it, to build cases from. */
export const EMPTY_ANSWER: ImageAnswer = {
  kind: "images",
  created: 1,
  images: [],
  unusable: 0,
  failed: [],
  stoppedEarly: [],
  imageCount: null,
  requestId: null,
  taskId: null,
};

export const ONE_IMAGE = { source: { kind: "url", url: "https://x.test/a.png" }, revisedPrompt: "" } as const;

/** A full garbage collection on demand, without starting Node with --expose-gc. */
export const exposeGc = (): (() => void) => {
  setFlagsFromString("--expose-gc");
  return runInNewContext("gc") as () => void;
};
