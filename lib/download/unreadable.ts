import { AppError } from "../errors";

/**
 * An image a file is made without because it could not be read (a damaged file, a storage error other than
 * not found): the file tells its reader it is missing; this tells whoever runs the server why, by the store's
 * own reason where the store said it in the app's words (the bucket away).
 */
export const logUnreadable = (file: string, id: string, error: unknown): void => {
  const reason = error instanceof AppError && error.cause !== undefined ? error.cause : error;
  console.error(`image ${id} could not be read for a ${file}, which goes on without it: ${reason instanceof Error ? reason.message : String(reason)}`);
};
