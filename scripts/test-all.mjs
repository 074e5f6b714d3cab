#!/usr/bin/env node
// `npm test`: every test there is, in one go: unit and property tests (vitest, with a throwaway PostgreSQL), then a production build
// and the end-to-end tests in Debian's Chromium (Playwright). Ends with one summary line for both.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync } from "node:fs";
import { ensureNodeModules, ensurePackages } from "./ensure-packages.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const run = (command, args) => spawnSync(command, args, { stdio: "inherit", env }).status ?? 1;

ensureNodeModules(["next", "vitest", "playwright"]);
ensurePackages();
mkdirSync("reports", { recursive: true });
for (const file of ["reports/unit-results.json", "reports/e2e-results.json"]) rmSync(file, { force: true });

const unitStatus = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile=reports/unit-results.json"]);
const buildStatus = run("npx", ["next", "build"]);
const e2eStatus = buildStatus === 0 ? run("npx", ["playwright", "test"]) : 1;

const readJson = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, "utf8")) : null);
const unit = readJson("reports/unit-results.json");
const e2e = readJson("reports/e2e-results.json");

const passed = (unit?.numPassedTests ?? 0) + (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0);
// A step that crashed before reporting counts as one failure, so a broken build can never read as green.
const failed =
  (unit ? unit.numFailedTests : 1) + (e2e ? e2e.stats.unexpected : 1) + (buildStatus === 0 ? 0 : 1);
const skipped = (unit?.numPendingTests ?? 0) + (unit?.numTodoTests ?? 0) + (e2e?.stats?.skipped ?? 0);

// CI shows only the end of the output: name what failed there, so a flake can be found without the whole log.
const unitFailures = (unit?.testResults ?? []).flatMap((file) =>
  file.assertionResults.filter((test) => test.status === "failed").map((test) => `${file.name.replace(`${process.cwd()}/`, "")} › ${test.fullName}`),
);
const e2eFailures = [];
const walk = (suite) => {
  for (const spec of suite.specs ?? []) {
    for (const test of spec.tests) if (test.status === "unexpected") e2eFailures.push(`${spec.file}:${spec.line} › ${test.projectName} › ${spec.title}`);
  }
  for (const child of suite.suites ?? []) walk(child);
};
for (const suite of e2e?.suites ?? []) walk(suite);
for (const name of [...unitFailures, ...e2eFailures]) console.log(`failed: ${name}`);

console.log(`\nunit: ${unit ? `${unit.numPassedTests} passed, ${unit.numFailedTests} failed` : "did not report"}`);
console.log(`end-to-end: ${e2e ? `${e2e.stats.expected + e2e.stats.flaky} passed, ${e2e.stats.unexpected} failed` : buildStatus === 0 ? "did not report" : "not run: the build failed"}`);
console.log(`tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(unitStatus === 0 && buildStatus === 0 && e2eStatus === 0 && failed === 0 ? 0 : 1);
