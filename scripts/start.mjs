#!/usr/bin/env node
// `npm start`: the one command that brings the playground up on a fresh checkout. It installs the
// dependencies if they are missing, builds when the sources are newer than the last build, then serves
// the production build. With no ONETOKEN_API_KEY it runs the offline demo against the built-in simulator.
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { constants } from "node:os";
import { join } from "node:path";
import { ensureNodeModules } from "./ensure-packages.mjs";

const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
const run = (command, args) => {
  const status = spawnSync(command, args, { stdio: "inherit", env }).status ?? 1;
  if (status !== 0) process.exit(status);
};

const newest = (path) => {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return Math.max(stat.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
};

ensureNodeModules(["next"]);
const sources = ["app", "components", "lib", "public", "package-lock.json", "next.config.mjs", "postcss.config.mjs", "proxy.ts", "instrumentation.ts", "instrumentation-node.ts"];
const built = existsSync(".next/BUILD_ID") ? statSync(".next/BUILD_ID").mtimeMs : 0;
if (Math.max(...sources.map(newest)) > built) run("npx", ["next", "build"]);

// The server runs beside this script, not under spawnSync: a stop signal sent to this script alone (a process
// manager's SIGTERM) is passed on, and the script ends once the server has, with its code. Run by node itself,
// with no npx between them to pass it on or not.
const server = spawn(process.execPath, [join("node_modules", "next", "dist", "bin", "next"), "start", "-p", process.env.PORT ?? "3000", ...(process.env.HOST ? ["-H", process.env.HOST] : [])], { stdio: "inherit", env });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => server.kill(signal));
server.on("exit", (code, signal) => process.exit(code ?? 128 + (constants.signals[signal] ?? 0)));
// A server that could not be started (no process left to make one, no file descriptor) says so, not a stack
// trace; a signal that could not be passed on is said, and the server left to end as it will.
server.on("error", (error) => {
  if (server.pid !== undefined) return console.error(`The server could not be sent a signal: ${error.message}`);
  console.error(`The server could not be started: ${error.message}`);
  process.exit(1);
});
