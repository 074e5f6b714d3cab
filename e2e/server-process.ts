import { spawn, type ChildProcess } from "node:child_process";
import { connect } from "node:net";

/** How a server process ended: its exit code, or the signal that killed it. */
export type ServerExit = { readonly code: number | null; readonly signal: NodeJS.Signals | null };

/** A `next start` of the built app that a test owns, so it can kill it mid-flight and start it again. */
export type AppServer = {
  readonly url: string;
  readonly pid: number;
  kill(): void;
  /**
   * Sends `signal` to the process group, as Ctrl+C in its terminal or `kill -- -<pgid>` would, or to the
   * process started alone, as a process manager may; answers how that process ended, or null when it still
   * runs after `ms` (it is then left to `kill`).
   */
  stop(signal: NodeJS.Signals, ms: number, to?: "group" | "process"): Promise<ServerExit | null>;
};

/**
 * `launcher`: Next's own entry, run by this node directly, so the child's pid is the server (benchmarks read
 * its memory); or `npm start`'s script, whose child the server then is (it builds first if the build is stale).
 */
export const startAppServer = async (port: number, env: Record<string, string>, launcher: "next" | "npm-start" = "next"): Promise<AppServer> => {
  // A server killed just before (`kill` sends the signal and returns) may still hold the port: its answer to the
  // probe below would be taken for the new one's.
  await portFree(port);
  const args = launcher === "next" ? ["node_modules/next/dist/bin/next", "start", "-H", "127.0.0.1", "-p", String(port)] : ["scripts/start.mjs"];
  const child: ChildProcess = spawn(process.execPath, args, {
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ONETOKEN_API_KEY: "", PORT: String(port), HOST: "127.0.0.1", ...env },
    stdio: ["ignore", "ignore", "pipe"],
    // Its own process group, so a kill reaches the server and not only npx.
    detached: true,
  });
  const exited = new Promise<ServerExit>((resolve) => child.once("exit", (code, signal) => resolve({ code, signal })));
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
    // The health probe, its body read: with the page's body left unread, a stop signal's exit waited about
    // five seconds more, after other tests in the same worker (the connection was still open to it).
    if (await fetch(`${url}/api/health`).then(async (response) => (await response.arrayBuffer(), response.ok), () => false)) break;
    if (Date.now() > deadline) {
      // A server that never answered is stopped here: the caller has nothing to stop it with.
      kill();
      throw new Error(`next start did not come up within 30 s: ${errors}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const stop = async (signal: NodeJS.Signals, ms: number, to: "group" | "process" = "group"): Promise<ServerExit | null> => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) process.kill(to === "group" ? -child.pid : child.pid, signal);
    let timer: ReturnType<typeof setTimeout> | undefined;
    const late = new Promise<null>((resolve) => (timer = setTimeout(() => resolve(null), ms)));
    try {
      return await Promise.race([exited, late]);
    } finally {
      clearTimeout(timer);
    }
  };
  return { url, pid: child.pid ?? 0, kill, stop };
};

/** Waits until nothing accepts connections on the port (10 s at most: a server that will not go is not ours to wait for). */
const portFree = async (port: number): Promise<void> => {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const taken = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: "127.0.0.1", port });
      socket.once("connect", () => {
        socket.destroy();
        resolve(true);
      });
      socket.once("error", () => resolve(false));
    });
    if (!taken) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
};
