/** Loopback ports of the servers the end-to-end run starts (see playwright.config.ts). */
export const OFFLINE_APP_PORT = 3311;
/** Started and killed by the restart test itself. */
export const RESTART_APP_PORT = 3312;
/** A server behind the access gate, with tight limits, started by the gate test. */
export const GATED_APP_PORT = 3313;
/** Started and restarted by the live stream's test. */
export const LIVE_UPDATES_APP_PORT = 3314;
/** Behind the gate with a daily budget, started by the header's layout test. */
export const HEADER_GATE_APP_PORT = 3315;
/** Each server keeps its history apart, under the git-ignored data folder, emptied when it starts. */
export const OFFLINE_DATA_DIR = ".data/e2e-offline";
/**
 * The tests run in two workers. Each has a simulator and a `next start` pointed at it of its own, so a test's
 * history, faults and call counts are never another's; a worker's slot is Playwright's `parallelIndex`.
 */
export const WORKERS = 2;
export const workerServers = (slot: number) => {
  const simulatorPort = 4310 + 10 * slot;
  const appPort = 3310 + 10 * slot;
  return { simulatorPort, simulatorUrl: `http://127.0.0.1:${simulatorPort}`, appPort, appUrl: `http://127.0.0.1:${appPort}`, dataDir: `.data/e2e-live-${slot}` };
};
/** A key that must never reach the browser: the security test looks for it everywhere. */
export const CANARY_KEY = "sk-canary-5f2b9c1e7d3a4b6c8e0f";
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium";
