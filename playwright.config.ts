import { defineConfig, type PlaywrightTestConfig } from "@playwright/test";
import { CANARY_KEY, CHROMIUM_PATH, OFFLINE_APP_PORT, OFFLINE_DATA_DIR, WORKERS, workerServers } from "./e2e/ports";

/**
 * Chromium from Debian drives the production build (`next start`) of the app twice over: pointed at the
 * standalone simulator with a canary key, as it would be at the real gateway (one simulator and one server
 * per worker: their history and fault queue are a test's own), and with no key at all, in the offline demo
 * mode (the offline project's). A file's tests run in order, in one worker.
 */
/** The functional tests make many generations a minute; the limits have tests of their own (gate.spec.ts). */
const OPEN_LIMITS = { RATE_LIMIT_PER_MINUTE: "10000", MAX_CONCURRENT_GENERATIONS: "100", PLAYGROUND_PASSWORD: "" };

export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: WORKERS,
  retries: 0,
  timeout: 45_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: "reports/e2e-results.json" }]],
  use: {
    // Recording every test's trace took a sixth of the run's time; `--trace retain-on-failure` records them when needed.
    trace: "off",
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
    // The tests that start servers of their own (team.spec.ts: two instances, PostgreSQL, S3 and a proxy), one
    // file at a time: three of them share the offline server's history. Listed first, so that they run beside
    // the live project's files rather than after them, on one worker alone.
    { name: "offline", workers: 1, testMatch: /(offline|restart|gate|team|live-updates)\.spec\.ts/, use: { baseURL: `http://127.0.0.1:${OFFLINE_APP_PORT}` } },
    // Its address is the worker's own server's (the origin fixture in e2e/fixtures.ts).
    { name: "live", testIgnore: /(offline|restart|gate|team|live-updates)\.spec\.ts/ },
  ],
  webServer: [
    ...Array.from({ length: WORKERS }, (_, slot) => workerServers(slot)).flatMap(({ simulatorPort, simulatorUrl, appPort, dataDir }): Extract<PlaywrightTestConfig["webServer"], unknown[]> => [
      {
        command: "npx tsx lib/simulator/standalone.ts",
        url: `${simulatorUrl}/health`,
        reuseExistingServer: false,
        env: { SIMULATOR_PORT: String(simulatorPort), SIMULATOR_API_KEY: CANARY_KEY, SIMULATOR_LATENCY_MS: "400", SIMULATOR_RESPONSE_FORMAT: "url" },
      },
      {
        command: `rm -rf ${dataDir} && npx next start -H 127.0.0.1 -p ${appPort}`,
        url: `http://127.0.0.1:${appPort}`,
        reuseExistingServer: false,
        env: { ONETOKEN_API_KEY: CANARY_KEY, ONETOKEN_BASE_URL: simulatorUrl, ONETOKEN_TIMEOUT_MS: "20000", DATA_DIR: dataDir, ...OPEN_LIMITS, NEXT_TELEMETRY_DISABLED: "1" },
      },
    ]),
    {
      command: `rm -rf ${OFFLINE_DATA_DIR} && npx next start -H 127.0.0.1 -p ${OFFLINE_APP_PORT}`,
      url: `http://127.0.0.1:${OFFLINE_APP_PORT}`,
      reuseExistingServer: false,
      env: { ONETOKEN_API_KEY: "", ONETOKEN_BASE_URL: "", SIMULATOR_LATENCY_MS: "300", DATA_DIR: OFFLINE_DATA_DIR, ...OPEN_LIMITS, NEXT_TELEMETRY_DISABLED: "1" },
    },
  ],
});
