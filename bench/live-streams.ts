import { buildOnce } from "./build";
import { mkdtempSync, rmSync } from "node:fs";
import http from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAppServer, type AppServer } from "../e2e/server-process";
import { defaultRequest } from "../lib/models/defaults";
import { mb, rss } from "./processes";
import { ms, percentile, table } from "./stats";

const PORT = 3394;
const EVENTS = 10;
const SIZES = [1, 1_000] as const;

type Stream = { received: Map<number, number>; close(): void };

/** One EventSource-like reader: notes when each change frame's id arrived. */
const openStream = (url: string, agent: http.Agent, lastEventId?: number): Promise<Stream> =>
  new Promise((resolve, reject) => {
    const received = new Map<number, number>();
    const headers = { accept: "text/event-stream", ...(lastEventId !== undefined && { "last-event-id": String(lastEventId) }) };
    const request = http.get(`${url}/api/events`, { agent, headers }, (response) => {
      if (response.statusCode !== 200) return reject(new Error(`the stream answered ${response.statusCode}`));
      let buffer = "";
      let ready = false;
      response.setEncoding("utf8");
      response.on("data", (chunk: string) => {
        const at = performance.timeOrigin + performance.now();
        buffer += chunk;
        let end: number;
        while ((end = buffer.indexOf("\n\n")) >= 0) {
          const frame = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const id = /^id: (\d+)$/m.exec(frame)?.[1];
          if (/^event: change$/m.test(frame) && id) received.set(Number(id), at);
          if (/^event: hello$/m.test(frame) && !ready) {
            ready = true;
            resolve({ received, close: () => request.destroy() });
          }
        }
      });
    });
    request.on("error", reject);
  });

/**
 * Many open tabs on one instance: 1 stream, then 1,000, each held open; a change is made (a favourite
 * toggled) and timed from the request that made it to its arrival on every stream. Memory is the server's
 * resident size with the streams open against before they were.
 */
export const benchLiveStreams = async (): Promise<string> => {
  buildOnce();
  const rows: string[][] = [];
  const results: Array<{ streams: number; p99: number; growth: number }> = [];
  const resumeRows: string[][] = [];
  for (const size of SIZES) {
    const dir = mkdtempSync(join(tmpdir(), "bench-streams-"));
    let app: AppServer | undefined;
    const agent = new http.Agent({ keepAlive: true, maxSockets: Number.POSITIVE_INFINITY });
    const streams: Stream[] = [];
    let lastSeen = 0;
    try {
      app = await startAppServer(PORT, { DATA_DIR: dir, SIMULATOR_LATENCY_MS: "0", RATE_LIMIT_PER_MINUTE: "10000" });
      const created = await fetch(`${app.url}/api/generations`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: app.url, prefer: "wait=30" },
        body: JSON.stringify({ ...defaultRequest("wan2.2-t2i-flash"), width: 512, height: 512, prompt: "a favourite toggled" }),
      });
      const { id } = (await created.json()) as { id: string };
      // Warm: the route compiled, the feed started, one change through it.
      const warm = await openStream(app.url, agent);
      warm.close();
      const before = rss(app.pid).now;
      for (let opened = 0; opened < size; opened += 50) {
        streams.push(...(await Promise.all(Array.from({ length: Math.min(50, size - opened) }, () => openStream(app!.url, agent)))));
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
      const open = rss(app.pid).now;
      const delays: number[] = [];
      for (let event = 0; event < EVENTS; event++) {
        const sent = performance.timeOrigin + performance.now();
        const patched = await fetch(`${app.url}/api/generations/${id}`, {
          method: "PATCH",
          headers: { "content-type": "application/json", origin: app.url },
          body: JSON.stringify({ starred: event % 2 === 0 }),
        });
        if (!patched.ok) throw new Error(`the change was refused: ${patched.status}`);
        // Every stream's newest change after the request is this one's (nothing else writes meanwhile).
        const deadline = Date.now() + 10_000;
        const arrived = () => streams.map((stream) => [...stream.received.values()].find((at) => at >= sent));
        while (arrived().some((at) => at === undefined) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
        const times = arrived();
        if (times.some((at) => at === undefined)) throw new Error("a stream never got the change");
        delays.push(...times.map((at) => (at ?? sent) - sent));
        lastSeen = Math.max(lastSeen, ...streams.flatMap((stream) => [...stream.received.keys()]));
        for (const stream of streams) stream.received.clear();
      }
      const growth = open - before;

      // A restart's reconnect: every stream drops, a change is made while they are away, and all come back
      // at once from the last change they saw, each timed until what it missed has arrived.
      for (const stream of streams.splice(0)) stream.close();
      const away = await fetch(`${app.url}/api/generations/${id}`, { method: "PATCH", headers: { "content-type": "application/json", origin: app.url }, body: JSON.stringify({ starred: true }) });
      if (!away.ok) throw new Error(`the change was refused: ${away.status}`);
      const back = performance.timeOrigin + performance.now();
      streams.push(...(await Promise.all(Array.from({ length: size }, () => openStream(app!.url, agent, lastSeen)))));
      const deadline = Date.now() + 30_000;
      const caughtUp = () => streams.map((stream) => [...stream.received.values()][0]);
      while (caughtUp().some((at) => at === undefined) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 5));
      const resumed = caughtUp();
      if (resumed.some((at) => at === undefined)) throw new Error("a resumed stream never got what it missed");
      const resumes = resumed.map((at) => (at ?? back) - back);
      resumeRows.push([String(size), String(resumes.length), ms(percentile(resumes, 50)), ms(percentile(resumes, 99)), ms(Math.max(...resumes))]);
      results.push({ streams: size, p99: percentile(delays, 99), growth });
      rows.push([String(size), String(delays.length), ms(percentile(delays, 50)), ms(percentile(delays, 99)), ms(Math.max(...delays)), mb(before), mb(open), mb(growth)]);
    } finally {
      for (const stream of streams) stream.close();
      agent.destroy();
      app?.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  const many = results.find((result) => result.streams === 1_000);
  return [
    "### Many open tabs: 1,000 live streams on one instance",
    "",
    `Each stream an HTTP connection held open from this process (as a tab's EventSource would be); ${EVENTS} changes (a favourite toggled), each timed from the request that made it to its arrival on every stream, so the figure includes the request itself. Memory: the server's resident size before the streams opened and with them open (a collection in between makes small differences noise). The embedded history, the production build.`,
    "",
    // The count of samples beside each percentile: one stream's p99 over a few events is its slowest.
    table(["streams", "samples", "delivered p50", "delivered p99", "slowest", "server memory before", "with the streams open", "growth"], rows),
    "",
    "Then every stream drops, a change is made while they are away, and all reconnect at once with the last id they saw (as the browser's EventSource does after a restart), each timed from the start of the reconnect until what it missed has arrived. Streams back from the same change share a catch-up: one read of the log and one render serve every stream that starts within 2 s of it.",
    "",
    table(["streams", "samples", "caught up p50", "caught up p99", "slowest"], resumeRows),
    "",
    table(
      ["figure", "value", "target", "result"],
      many
        ? [
            ["delivered to all 1,000, p99", ms(many.p99), "<= 250 ms", many.p99 <= 250 ? "met" : "**missed**"],
            ["memory growth with 1,000 open", mb(many.growth), "<= 200 MB", many.growth <= 200 * 1024 * 1024 ? "met" : "**missed**"],
          ]
        : [],
    ),
  ].join("\n");
};
