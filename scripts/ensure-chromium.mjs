// Playwright cannot download its own browsers here, so the tests drive Debian's Chromium, installed on
// demand when running as root (as CI does) and explained otherwise.
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium";

export const ensureChromium = () => {
  if (existsSync(CHROMIUM_PATH)) return;
  if (process.getuid?.() !== 0) {
    console.error(`Chromium is not at ${CHROMIUM_PATH}. Install Debian's package (sudo apt-get install chromium) or set CHROMIUM_PATH.`);
    process.exit(1);
  }
  console.log("Installing Debian's chromium for the end-to-end tests ...");
  const apt = (args) => spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status;
  if (apt(["update", "-q"]) !== 0 || apt(["install", "-y", "-q", "--no-install-recommends", "chromium"]) !== 0 || !existsSync(CHROMIUM_PATH)) {
    console.error("Could not install chromium with apt-get.");
    process.exit(1);
  }
};
