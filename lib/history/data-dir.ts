import { constants } from "node:fs";
import { access, mkdir } from "node:fs/promises";
import { resolve } from "node:path";
import { errorText } from "../error-text";

type Step = "create" | "write";

/** A refusal by the system's permissions: what it stopped depends on the step. */
const denied = (why: string) => (step: Step) => `${step === "create" ? "it cannot be created there" : "this process may not write in it"} (${why})`;

/** What is wrong with a DATA_DIR, by the system's error code and the step that met it. */
const REASONS: Record<string, (step: Step) => string> = {
  EEXIST: () => "it is a file, not a folder",
  ENOTDIR: () => "a part of its path is a file, not a folder",
  EACCES: denied("permission denied"),
  EPERM: denied("operation not permitted"),
  EROFS: () => "it is on a read-only file system",
};

/** The start-up refusal of a DATA_DIR: one line, naming the variable, the folder and what is wrong. */
export const dataDirRefusal = (dir: string, error: unknown, step: Step): string => {
  const code = error instanceof Error && "code" in error && typeof error.code === "string" ? error.code : "";
  const reason = REASONS[code]?.(step) ?? errorText(error);
  return `DATA_DIR is ${resolve(dir)}, which cannot be used: ${reason}. Give DATA_DIR a folder this process can write in (or create), and start it again.`;
};

/** Makes the history's folder where it is missing, and checks it can be written, before anything opens in it. */
export const prepareDataDir = async (dir: string): Promise<void> => {
  let step: Step = "create";
  try {
    await mkdir(dir, { recursive: true });
    step = "write";
    await access(dir, constants.W_OK);
  } catch (error) {
    throw new Error(dataDirRefusal(dir, error, step));
  }
};
