import { spawn, type ChildProcess } from "node:child_process";

/** A `next start` of the built app that a test owns, so it can kill it mid-flight and start it again. */
export type AppServer = { readonly url: string; readonly pid: number; kill(): void };

export const startAppServer = async (port: number, env: Record<string, string>): Promise<AppServer> => {
  // Next's own entry run by this node directly, so the child's pid is the server (benchmarks read its memory).
  const child: ChildProcess = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)], {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ONETOKEN_API_KEY: "", ...env },
    stdio: ["ignore", "ignore", "pipe"],
    // Its own process group, so a kill reaches the server and not only npx.
    detached: true,
  });
  // Kept so a server that refuses to start says why (a bad setting, a port in use).
  let errors = "";
  child.stderr?.on("data", (chunk: Buffer) => {
    errors = (errors + chunk.toString()).slice(-2000);
  });
  const url = `http://127.0.0.1:${port}`;
  const kill = () => {
    if (child.pid === undefined || child.exitCode !== null) return;
    try {
      process.kill(-child.pid, "SIGKILL");
    } catch (error) {
      // Killed already (its exit not yet seen here): nothing is left to stop.
      if ((error as NodeJS.ErrnoException).code !== "ESRCH") throw error;
    }
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`next start exited with ${child.exitCode}: ${errors}`);
    if (await fetch(url).then((response) => response.ok, () => false)) break;
    if (Date.now() > deadline) {
      // A server that never answered is stopped here: the caller has nothing to stop it with.
      kill();
      throw new Error(`next start did not come up within 30 s: ${errors}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { url, pid: child.pid ?? 0, kill };
};
