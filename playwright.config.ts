import { defineConfig } from "@playwright/test";
import { CANARY_KEY, CHROMIUM_PATH, LIVE_APP_PORT, LIVE_DATA_DIR, OFFLINE_APP_PORT, OFFLINE_DATA_DIR, SIMULATOR_PORT, SIMULATOR_URL } from "./e2e/ports";

/**
 * Chromium from Debian drives the production build (`next start`) of the app twice over: once pointed at
 * the standalone simulator with a canary key, as it would be at the real gateway, and once with no key at
 * all, in the offline demo mode. The tests share the simulator's fault queue, so they run one at a time.
 */
/** The functional tests make many generations a minute; the limits have tests of their own (gate.spec.ts). */
const OPEN_LIMITS = { RATE_LIMIT_PER_MINUTE: "10000", MAX_CONCURRENT_GENERATIONS: "100", PLAYGROUND_PASSWORD: "" };

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "reports/e2e-results.json" }]],
  use: {
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [
        "--no-sandbox",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost",
      ],
    },
  },
  projects: [
    { name: "live", testIgnore: /(offline|restart|gate|team|live-updates)\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${LIVE_APP_PORT}` } },
    // The tests that start servers of their own (team.spec.ts: two instances, PostgreSQL, S3 and a proxy).
    { name: "offline", testMatch: /(offline|restart|gate|team|live-updates)\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${OFFLINE_APP_PORT}` } },
  ],
  webServer: [
    {
      command: "npx tsx lib/simulator/standalone.ts",
      url: `${SIMULATOR_URL}/health`,
      reuseExistingServer: false,
      env: { SIMULATOR_PORT: String(SIMULATOR_PORT), SIMULATOR_API_KEY: CANARY_KEY, SIMULATOR_LATENCY_MS: "400", SIMULATOR_RESPONSE_FORMAT: "url" },
    },
    {
      command: `rm -rf ${LIVE_DATA_DIR} && npx next start -H 127.0.0.1 -p ${LIVE_APP_PORT}`,
      url: `http://127.0.0.1:${LIVE_APP_PORT}`,
      reuseExistingServer: false,
      env: { ONETOKEN_API_KEY: CANARY_KEY, ONETOKEN_BASE_URL: SIMULATOR_URL, ONETOKEN_TIMEOUT_MS: "20000", DATA_DIR: LIVE_DATA_DIR, ...OPEN_LIMITS, NEXT_TELEMETRY_DISABLED: "1" },
    },
    {
      command: `rm -rf ${OFFLINE_DATA_DIR} && npx next start -H 127.0.0.1 -p ${OFFLINE_APP_PORT}`,
      url: `http://127.0.0.1:${OFFLINE_APP_PORT}`,
      reuseExistingServer: false,
      env: { ONETOKEN_API_KEY: "", ONETOKEN_BASE_URL: "", SIMULATOR_LATENCY_MS: "300", DATA_DIR: OFFLINE_DATA_DIR, ...OPEN_LIMITS, NEXT_TELEMETRY_DISABLED: "1" },
    },
  ],
});
