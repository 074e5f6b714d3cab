import { randomBytes } from "node:crypto";
import { checkGateway } from "../lib/gateway/check";
import { checkExitCode, describeCheck } from "../lib/gateway/check-report";
import { ConfigError, parseGatewayConfig, type GatewayConfig } from "../lib/gateway/config";
import { startSimulatorServer, type SimulatorServer } from "../lib/simulator/node-server";

/**
 * `npm run check-gateway`: the "Check connection" panel from a terminal, with the playground's own
 * environment (ONETOKEN_API_KEY, ONETOKEN_BASE_URL, ...). Without a key it checks the simulator, and says so.
 * Exits 0 when the gateway answers and takes the key, 1 otherwise.
 */

let config: GatewayConfig;
try {
  config = parseGatewayConfig(process.env);
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : String(error));
  process.exit(1);
}

let simulator: SimulatorServer | null = null;
try {
  let target = config.mode === "live" ? { baseUrl: config.baseUrl, apiKey: config.apiKey } : null;
  if (!target) {
    const apiKey = `offline-${randomBytes(16).toString("hex")}`;
    simulator = await startSimulatorServer({ apiKey, latencyMs: 0 });
    target = { baseUrl: simulator.url, apiKey };
  }
  const report = await checkGateway(target, { mode: config.mode, requestStyle: config.requestStyle, connectTimeoutMs: config.connectTimeoutMs });
  console.log(describeCheck(report).join("\n"));
  process.exitCode = checkExitCode(report);
} finally {
  await simulator?.close();
}
