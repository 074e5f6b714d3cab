import "server-only";
import { randomBytes } from "node:crypto";
import { processSingleton } from "../process-singleton";
import { startSimulatorServer } from "../simulator/node-server";
import type { AnswerShape } from "../simulator/answer-shapes";

type Target = { readonly baseUrl: string; readonly apiKey: string };

/**
 * The offline demo's gateway: the simulator on an ephemeral loopback port, reached over real HTTP by the
 * same client code as the real gateway. It answers with image links, as the real gateway does when no format
 * is asked for, so the demo takes the same path: this server downloads each image from the simulator (its own
 * origin, on loopback) and the browser never reaches it.
 */
export const getEmbeddedSimulator = (settings: { latencyMs: number; answerShape: AnswerShape }): Promise<Target> =>
  processSingleton("embedded-simulator", () => start(settings))();

const start = async ({ latencyMs, answerShape }: { latencyMs: number; answerShape: AnswerShape }): Promise<Target> => {
  const apiKey = `offline-${randomBytes(16).toString("hex")}`;
  const server = await startSimulatorServer({ apiKey, latencyMs, responseFormat: "url", answerShape });
  return { baseUrl: server.url, apiKey };
};
