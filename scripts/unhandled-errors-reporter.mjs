// A Vitest reporter for `npm test`: keeps the errors Vitest caught outside any test (an uncaught exception,
// an unhandled rejection) for the summary printed last. They fail the run with every test passed, and CI
// shows only the end of a run's output.
import { mkdirSync, writeFileSync } from "node:fs";

export const UNHANDLED_ERRORS_FILE = "reports/unit-unhandled.json";

export default class UnhandledErrorsReporter {
  onTestRunEnd(_modules, errors) {
    const kept = errors.map((error) => ({
      message: `${error.name ?? "Error"}: ${error.message}`,
      file: typeof error.VITEST_TEST_PATH === "string" ? error.VITEST_TEST_PATH : null,
      test: typeof error.VITEST_TEST_NAME === "string" ? error.VITEST_TEST_NAME : null,
    }));
    mkdirSync("reports", { recursive: true });
    writeFileSync(UNHANDLED_ERRORS_FILE, JSON.stringify(kept));
  }
}
