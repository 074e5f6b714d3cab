/**
 * An image a file is made without because it could not be read (a damaged file, a storage error other than
 * not found): the file tells its reader it is missing; this tells whoever runs the server why.
 */
export const logUnreadable = (file: string, id: string, error: unknown): void => {
  console.error(`image ${id} could not be read for a ${file}, which goes on without it: ${error instanceof Error ? error.message : String(error)}`);
};
