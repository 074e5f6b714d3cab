import "server-only";
import type { GatewayResult, SentRequest } from "../generation/result";
import { callGateway, type CallHooks, type CallOptions, type GatewayTarget } from "./call";
import { getGatewayConfig } from "./env";
import { fetchUpstreamImage } from "./fetch-image";
import { getEmbeddedSimulator } from "./offline";
import { checkGateway, type GatewayCheck } from "./check";

/** What the job runner needs from the gateway: one generation call, and the fetching of its image links. */
export type Gateway = {
  generate(sent: SentRequest, signal?: AbortSignal, hooks?: CallHooks): Promise<GatewayResult>;
  fetchImage(url: string, signal?: AbortSignal): Promise<Buffer>;
};

/**
 * The app's door to the gateway: the only module that reads the key. With a key it calls the configured
 * gateway; without one, the embedded simulator, through the very same call.
 */
const currentTarget = async (): Promise<GatewayTarget> => {
  const config = getGatewayConfig();
  return config.mode === "live" ? config : getEmbeddedSimulator({ latencyMs: config.simulatorLatencyMs, answerShape: config.simulatorAnswerShape });
};

/** "Check connection": the configured gateway (or, in the offline demo, the built-in simulator), probed without spending. */
export const checkConnection = async (): Promise<GatewayCheck> => {
  const config = getGatewayConfig();
  return checkGateway(await currentTarget(), { mode: config.mode, requestStyle: config.requestStyle, connectTimeoutMs: config.connectTimeoutMs });
};

export const getGateway = async (): Promise<Gateway> => {
  const config = getGatewayConfig();
  const target = await currentTarget();
  const trustedOrigin = new URL(target.baseUrl).origin;
  // Named one by one: the tuning options are optional, so a renamed setting would otherwise drop out silently.
  const options: CallOptions = {
    requestStyle: config.requestStyle,
    timeoutMs: config.timeoutMs,
    connectTimeoutMs: config.connectTimeoutMs,
    maxRetries: config.maxRetries,
    taskPath: config.taskPath,
  };
  return {
    generate: (sent, signal, hooks) => callGateway(target, options, sent, signal, hooks),
    fetchImage: (url, signal) => fetchUpstreamImage(url, { trustedOrigin, ...(signal && { signal }) }),
  };
};
