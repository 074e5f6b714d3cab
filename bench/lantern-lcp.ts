import type { RunnerResult } from "lighthouse";
import { LanternLargestContentfulPaint } from "lighthouse/core/computed/metrics/lantern-largest-contentful-paint.js";

/** What Lighthouse's simulated LCP is made of, from the graph of requests and tasks its simulation ran. */
export type LcpParts = {
  /** When the simulated HTML finished arriving, and its size on the wire. */
  htmlEnd: number;
  htmlBytes: number;
  /** The main thread's tasks in the graph, slowed as the simulation slows them, summed. */
  cpu: number;
  /** Scripts whose download the simulation waits for before the paint, and when the last one ends. */
  scripts: number;
  scriptsEnd: number;
};

type SimulatedNode = {
  type: "network" | "cpu";
  isMainDocument(): boolean;
  request?: { resourceType?: string; transferSize?: number };
};
type Estimate = { nodeTimings: Map<SimulatedNode, { startTime: number; endTime: number; duration: number }> };

/**
 * Lighthouse's own computation of the simulated LCP (the same cached request its audit makes), taken apart.
 * Its two estimates are averaged into the figure; the pessimistic one is described, since its graph holds
 * every request and task of the optimistic one's and more (every request done before the paint, every layout).
 */
export const lcpParts = async (result: RunnerResult): Promise<LcpParts> => {
  const { artifacts, lhr } = result;
  const data = {
    trace: artifacts.Trace,
    devtoolsLog: artifacts.DevtoolsLog,
    gatherContext: artifacts.GatherContext,
    settings: lhr.configSettings,
    simulator: null,
    URL: artifacts.URL,
    SourceMaps: artifacts.SourceMaps,
  };
  const metric = await LanternLargestContentfulPaint.request(data, { computedCache: new Map() });
  const timings = [...(metric.pessimisticEstimate as unknown as Estimate).nodeTimings];
  const html = timings.find(([node]) => node.type === "network" && node.isMainDocument());
  const scripts = timings.filter(([node]) => node.type === "network" && node.request?.resourceType === "Script");
  return {
    htmlEnd: html?.[1].endTime ?? Number.NaN,
    htmlBytes: html?.[0].request?.transferSize ?? Number.NaN,
    cpu: timings.filter(([node]) => node.type === "cpu").reduce((sum, [, timing]) => sum + timing.duration, 0),
    scripts: scripts.length,
    scriptsEnd: Math.max(0, ...scripts.map(([, timing]) => timing.endTime)),
  };
};
