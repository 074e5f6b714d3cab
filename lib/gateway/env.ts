import "server-only";
import { parseGatewayConfig, type GatewayConfig } from "./config";

let config: GatewayConfig | undefined;

/** The environment, read and validated once per server process (instrumentation.ts calls this at start-up). */
export const getGatewayConfig = (): GatewayConfig => (config ??= parseGatewayConfig(process.env));

/** What the page may know about the gateway: only whether it is the real one. */
export const getGatewayMode = (): GatewayConfig["mode"] => getGatewayConfig().mode;
