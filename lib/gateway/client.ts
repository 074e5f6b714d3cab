import "server-only";
import type { GenerationResult } from "../generation/result";
import type { GenerateRequest } from "../models/request-schema";
import { callGateway, type GatewayTarget } from "./call";
import { getGatewayConfig } from "./env";
import { getEmbeddedSimulator } from "./offline";

/**
 * The app's door to the gateway: the only module that reads the key. With a key it calls the configured
 * gateway; without one, the embedded simulator, through the very same call.
 */
export const generateImages = async (request: GenerateRequest, signal?: AbortSignal): Promise<GenerationResult> => {
  const config = getGatewayConfig();
  const target: GatewayTarget = config.mode === "live" ? config : await getEmbeddedSimulator(config.simulatorLatencyMs);
  return callGateway(target, config, request, signal);
};
