import { describeGatewayConfig, parseGatewayConfig } from "./lib/gateway/config";

// Validates the environment once, when the server starts, so a bad setting stops it with a readable message
// instead of surfacing later as a failed generation.
try {
  console.log(describeGatewayConfig(parseGatewayConfig(process.env)));
} catch (error) {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
}
