#!/usr/bin/env node
// `npm test`: every test there is, in one go: unit and property tests (vitest, with a throwaway PostgreSQL), then a production build
// and the end-to-end tests in Debian's Chromium (Playwright). Ends with one summary line for both.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { ensureNodeModules, ensurePackages } from "./ensure-packages.mjs";
import { UNHANDLED_ERRORS_FILE } from "./unhandled-errors-reporter.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const run = (command, args) => spawnSync(command, args, { stdio: "inherit", env }).status ?? 1;

ensureNodeModules(["next", "vitest", "playwright"]);
ensurePackages();
mkdirSync("reports", { recursive: true });
for (const file of ["reports/unit-results.json", UNHANDLED_ERRORS_FILE, "reports/e2e-results.json"]) rmSync(file, { force: true });

const unitStatus = run("npx", [
  "vitest", "run", "--reporter=default", "--reporter=json", "--outputFile=reports/unit-results.json", "--reporter=./scripts/unhandled-errors-reporter.mjs",
]);
const buildStatus = run("npx", ["next", "build"]);
const e2eStatus = buildStatus === 0 ? run("npx", ["playwright", "test"]) : 1;

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);
const unit = readJson("reports/unit-results.json");
const e2e = readJson("reports/e2e-results.json");

const unhandled = readJson(UNHANDLED_ERRORS_FILE) ?? [];

const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
const skipped = (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) + (e2e?.stats?.skipped ?? 0);

// CI shows only the end of the output: name what failed there, so a flake can be found without the whole log.
const relative = (file) => file.replace(`${process.cwd()}/`, "");
const unitFailures = (unit?.testResults ?? []).flatMap((file) =>
  file.assertionResults.filter((test) => test.status === "failed").map((test) => `${relative(file.name)} › ${test.fullName}`),
);
const e2eFailures = [];
const walk = (suite) => {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests) if (test.status === "unexpected") e2eFailures.push(`${spec.file}:${spec.line} › ${test.projectName} › ${spec.title}`);
  }
  for (const child of suite.suites ?? []) walk(child);
};
for (const suite of e2e?.suites ?? []) walk(suite);
// What fails a run with its tests passed: a file's own hook, an error no test caught, Playwright's own (a global
// setup's teardown is said by the exit alone, below).
const firstLine = (text) => (text ?? "").split("\n")[0];
const unitOutside = [
  ...(unit?.testResults ?? [])
    .filter((file) => file.status === "failed" && !file.assertionResults.some((test) => test.status === "failed"))
    .map((file) => `${relative(file.name)} › outside its tests: ${firstLine(file.message)}`),
  ...unhandled.map((error) => `unit, uncaught: ${firstLine(error.message)}${error.file ? ` (while ${relative(error.file)}${error.test ? ` › ${error.test}` : ""} ran)` : ""}`),
];
const e2eOutside = (e2e?.errors ?? []).map((error) => `end-to-end, outside any test: ${firstLine(error.message)}`);
// A step that exited non-zero without naming why still fails the summary, so it can never read as green.
const unnamed = [
  unitStatus !== 0 && unit && unit.numFailedTests === 0 && unitOutside.length === 0 && `vitest exited with code ${unitStatus}: see its output above`,
  e2eStatus !== 0 && e2e && e2e.stats.unexpected === 0 && e2eOutside.length === 0 && `playwright exited with code ${e2eStatus}: see its output above`,
].filter(Boolean);
for (const name of [...unitFailures, ...e2eFailures, ...unitOutside, ...e2eOutside, ...unnamed]) console.log(`failed: ${name}`);

// A step that crashed before reporting counts as one failure, so a broken build can never read as green.
const failed = (unit ? unit.numFailedTests : 1) + (e2e ? e2e.stats.unexpected : 1) + (buildStatus === 0 ? 0 : 1);
const errors = unitOutside.length + e2eOutside.length + unnamed.length;

console.log(`\nunit: ${unit ? `${unit.numPassedTests} passed, ${unit.numFailedTests} failed` : "did not report"}`);
console.log(`end-to-end: ${e2e ? `${e2e.stats.expected + e2e.stats.flaky} passed, ${e2e.stats.unexpected} failed` : buildStatus === 0 ? "did not report" : "not run: the build failed"}`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}${errors ? `; ${errors} error${errors === 1 ? "" : "s"} outside the tests` : ""}`);
process.exit(unitStatus === 0 && buildStatus === 0 && e2eStatus === 0 && failed === 0 && errors === 0 ? 0 : 1);
