/**
 * Items a share link or a take-away holds at most: the server's schemas and the selection bar both go by it
 * (a module of its own, so the page takes the number without the schemas).
 */
export const SHARE_MAX_ITEMS = 200;
