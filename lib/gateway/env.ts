import "server-only";
import { DEFAULT_BASE_URL, parseGatewayConfig, type GatewayConfig } from "./config";
import type { GatewayInfo } from "../generation/as-code";

let config: GatewayConfig | undefined;

/** The environment, read and validated once per server process (instrumentation.ts calls this at start-up). */
export const getGatewayConfig = (): GatewayConfig => (config ??= parseGatewayConfig(process.env));

/** What the page may know about the gateway: only whether it is the real one. */
export const getGatewayMode = (): GatewayConfig["mode"] => getGatewayConfig().mode;

/**
 * Where "copy as code" should point: the configured gateway (its address is no secret), or the real one's
 * public address in the offline demo, since a pasted command is meant to run against the real thing.
 */
export const getPublicGatewayInfo = (): GatewayInfo => {
  const config = getGatewayConfig();
  return { baseUrl: config.mode === "live" ? config.baseUrl : DEFAULT_BASE_URL, requestStyle: config.requestStyle };
};
