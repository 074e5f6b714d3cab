import { spawnSync } from "node:child_process";

let built = false;

/**
 * The playground's production build, made afresh the first time a run asks for it: a build left by older code
 * would otherwise be measured and written down as the page as it is now. Every section after reuses it.
 */
export const buildOnce = (): void => {
  if (built) return;
  const build = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (build.status !== 0) throw new Error(`next build failed (exit ${build.status})`);
  built = true;
};
