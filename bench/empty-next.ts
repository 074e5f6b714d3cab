import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

const EMPTY_DIR = resolve(".data/bench-empty-next");
const NEXT_BIN = resolve("node_modules/next/dist/bin/next");
const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };

/** The smallest App Router page, built by this repository's own Next (same version, same bundler). */
const buildEmptyApp = () => {
  rmSync(EMPTY_DIR, { recursive: true, force: true });
  mkdirSync(join(EMPTY_DIR, "app"), { recursive: true });
  writeFileSync(join(EMPTY_DIR, "package.json"), JSON.stringify({ name: "empty-next", private: true }));
  // Inside the repository so Turbopack finds `next` in its node_modules; the root says where that is.
  writeFileSync(
    join(EMPTY_DIR, "next.config.mjs"),
    'import { fileURLToPath } from "node:url";\nexport default { poweredByHeader: false, turbopack: { root: fileURLToPath(new URL("../..", import.meta.url)) } };\n',
  );
  writeFileSync(join(EMPTY_DIR, "app", "layout.jsx"), 'export default function RootLayout({ children }) {\n  return <html lang="en"><body>{children}</body></html>;\n}\n');
  writeFileSync(join(EMPTY_DIR, "app", "page.jsx"), "export default function Page() {\n  return <main>Empty</main>;\n}\n");
  const built = spawnSync(process.execPath, [NEXT_BIN, "build"], { cwd: EMPTY_DIR, env, encoding: "utf8" });
  if (built.status !== 0) throw new Error(`the empty Next app did not build:\n${built.stdout}\n${built.stderr}`);
};

/**
 * The baseline of the page benchmarks: an empty page built and served (`next start`, gzip) by the same Next as
 * the playground. `stop` ends it and removes its build.
 */
export const startEmptyNext = async (port: number): Promise<{ url: string; stop: () => void }> => {
  buildEmptyApp();
  const child = spawn(process.execPath, [NEXT_BIN, "start", "-H", "127.0.0.1", "-p", String(port)], { cwd: EMPTY_DIR, env, stdio: "ignore", detached: true });
  const stop = () => {
    if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    rmSync(EMPTY_DIR, { recursive: true, force: true });
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (!(await fetch(url).then((response) => response.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) {
      stop();
      throw new Error("the empty Next app did not start");
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, stop };
};
