/** How long the upstream may go on with a call the playground stopped waiting for: its slowest models take 2 minutes. */
export const DEFAULT_LINGER_MS = 120_000;
