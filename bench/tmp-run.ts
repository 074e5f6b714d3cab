import { writeFileSync } from "node:fs";
import { benchFirstLoad } from "./first-load";
import { benchLighthouse } from "./lighthouse";
import { benchTimeToImage } from "./time-to-image";
import { benchLiveStreams } from "./live-streams";
const parts: string[] = [];
for (const bench of [benchFirstLoad, benchTimeToImage, benchLighthouse, benchLiveStreams]) {
  parts.push(await bench());
  writeFileSync("/tmp/bench-out.md", parts.join("\n\n"));
}
console.log("done");
