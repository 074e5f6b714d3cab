import { describeAccessConfig, parseAccessConfig } from "./lib/access/config";
import { errorText } from "./lib/error-text";
import { stampClientAddresses } from "./lib/access/stamp-client";
import { describePriceConfig, parsePriceConfig } from "./lib/pricing/price-config";
import { describeGatewayConfig, parseGatewayConfig } from "./lib/gateway/config";
import { getStorage } from "./lib/history/storage";
import { handleStopSignals } from "./lib/process-stop";
import { describeStorageConfig, parseStorageConfig } from "./lib/store/storage-config";

// Next's own handler closes the listener on a stop signal; this one lets go of what holds requests open.
handleStopSignals();

// Validates the environment and opens the history once, when the server starts, so a bad setting stops it
// with a readable message and interrupted generations are marked before anyone looks at them.
try {
  const gateway = parseGatewayConfig(process.env);
  console.log(describeGatewayConfig(gateway));
  console.log(describePriceConfig(parsePriceConfig(process.env)));
  const access = parseAccessConfig(process.env);
  console.log(describeAccessConfig(access, gateway.mode === "live"));
  stampClientAddresses(access.trustedProxyHops);
  console.log(describeStorageConfig(parseStorageConfig(process.env)));
  const storage = await getStorage();
  const notes = [storage.interrupted && `${storage.interrupted} interrupted generation(s) marked`, storage.swept && `${storage.swept} orphan file(s) removed`];
  if (notes.some(Boolean)) console.log(`History opened: ${notes.filter(Boolean).join(", ")}.`);
} catch (error) {
  console.error(errorText(error));
  process.exit(1);
}
