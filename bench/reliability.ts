import { readFileSync, writeFileSync } from "node:fs";
import { loadTest } from "./load";

/**
 * `npm run reliability`: runs the bounded load test and writes its figures into docs/reliability.md,
 * between the markers, leaving the rest of the page (what the other tests prove) as it is.
 */
const START = "<!-- load-test:start -->";
const END = "<!-- load-test:end -->";
const section = await loadTest();
console.log(section);
const page = readFileSync("docs/reliability.md", "utf8");
const before = page.slice(0, page.indexOf(START) + START.length);
const after = page.slice(page.indexOf(END));
writeFileSync("docs/reliability.md", `${before}\n${section}\n${after}`);
