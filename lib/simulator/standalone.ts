import { startSimulatorServer } from "./node-server";
import { parseStandaloneEnv } from "./standalone-config";

/** `npm run simulator`: the fake gateway on its own port, for pointing the app (or curl) at it by hand. */

const config = parseStandaloneEnv(process.env);
if (!config.ok) {
  console.error(config.message);
  process.exit(1);
}
const { options } = config;
const server = await startSimulatorServer(options);
const keyNote = options.apiKey === undefined ? "" : ", API key required";
console.log(
  `OneToken simulator listening on ${server.url} (latency ${options.latencyMs} ms, ${options.responseFormat} images, ${options.answerShape} answers${keyNote})`,
);

const shutdown = () => {
  void server.close();
};
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
