import "server-only";
import { randomBytes } from "node:crypto";
import { startSimulatorServer } from "../simulator/node-server";

type Target = { readonly baseUrl: string; readonly apiKey: string };

// On globalThis because Next may load this module more than once per process (one copy per route bundle).
const SLOT = Symbol.for("onetoken-playground.embedded-simulator");
type Slot = { [SLOT]?: Promise<Target> };

/**
 * The offline demo's gateway: the simulator on an ephemeral loopback port, reached over real HTTP by the
 * same client code as the real gateway. It answers with b64_json so the browser never needs to reach it.
 */
export const getEmbeddedSimulator = (latencyMs: number): Promise<Target> => {
  const slot = globalThis as Slot;
  slot[SLOT] ??= start(latencyMs).catch((error: unknown) => {
    delete slot[SLOT];
    throw error;
  });
  return slot[SLOT];
};

const start = async (latencyMs: number): Promise<Target> => {
  const apiKey = `offline-${randomBytes(16).toString("hex")}`;
  const server = await startSimulatorServer({ apiKey, latencyMs, responseFormat: "b64_json" });
  return { baseUrl: server.url, apiKey };
};
