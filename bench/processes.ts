import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";

/** The standalone simulator as its own process (as `npm run simulator` runs it), so it never shares a loop with the load. */
export type SimulatorProcess = {
  readonly url: string;
  readonly pid: number;
  configure(settings: Record<string, unknown>): Promise<void>;
  kill(): void;
};

export const startSimulatorProcess = async (port: number, key: string, env: Record<string, string> = {}): Promise<SimulatorProcess> => {
  const child = spawn(process.execPath, ["--import", "tsx", "lib/simulator/standalone.ts"], {
    env: { ...process.env, SIMULATOR_PORT: String(port), SIMULATOR_API_KEY: key, SIMULATOR_LATENCY_MS: "0", ...env },
    stdio: "ignore",
    detached: true,
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20_000;
  while (!(await fetch(`${url}/health`).then((response) => response.ok, () => false))) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error("the simulator did not start");
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url,
    pid: child.pid ?? 0,
    async configure(settings) {
      const response = await fetch(`${url}/__sim/config`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: JSON.stringify(settings),
      });
      if (!response.ok) throw new Error(`simulator config refused: ${await response.text()}`);
    },
    kill() {
      if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    },
  };
};

const statusField = (pid: number, field: "VmRSS" | "VmHWM"): number => {
  const match = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  return Number(match?.[1] ?? 0) * 1024;
};

/** Resident memory now, and the most it has been since the process started (the kernel keeps that peak). */
export const rss = (pid: number) => ({ now: statusField(pid, "VmRSS"), peak: statusField(pid, "VmHWM") });

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
