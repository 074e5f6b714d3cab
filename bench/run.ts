import { mkdirSync, writeFileSync } from "node:fs";
import { benchFirstPaint } from "./first-paint";
import { benchEditInputs } from "./edit-inputs";
import { benchFirstLoad } from "./first-load";
import { benchGateway } from "./gateway";
import { benchHistoryScale } from "./history-scale";
import { benchLighthouse } from "./lighthouse";
import { benchMainThread } from "./main-thread";
import { benchStoreListing } from "./store-listing";
import { benchLiveStreams } from "./live-streams";
import { benchTeam } from "./team";
import { benchTimeToImage } from "./time-to-image";
import { benchZipMemory } from "./zip-memory";

/**
 * `npm run bench`: every benchmark, printed as Markdown tables and written to docs/benchmarks.md. Times are
 * for the machine it ran on (see the header); they are measured here and never asserted in tests.
 */
// One after another: each measures the machine, and two at once would measure each other.
const sections = [await benchStoreListing(), await benchEditInputs(), await benchFirstPaint(), await benchFirstLoad(), await benchLighthouse(), await benchMainThread(), await benchHistoryScale(), await benchGateway(), await benchTimeToImage(), await benchLiveStreams(), await benchTeam(), await benchZipMemory()];
const header = [
  "# Benchmarks",
  "",
  `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${(await import("node:os")).cpus().length} cores. Loopback only.`,
].join("\n");
const report = [header, ...sections].join("\n\n") + "\n";
console.log(report);
mkdirSync("docs", { recursive: true });
writeFileSync("docs/benchmarks.md", report);
