// What the two commands need before they can run: npm's packages (both), and for the tests, Debian's.
// The tests drive real programs from Debian's packages: Chromium (Playwright cannot download its own browsers
// here), PostgreSQL (a throwaway cluster per run), OpenStack Swift with memcached (a real S3-compatible
// server per run), LibreOffice Impress with poppler and a CJK font (slide decks opened as a reader would) and
// Info-ZIP's unzip (zips' file names read back as Linux reads them). Installed on demand when running as root (as CI does);
// otherwise the message says what to install.
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/lib/chromium/chromium";

const hasPostgres = () =>
  existsSync("/usr/lib/postgresql") && readdirSync("/usr/lib/postgresql").some((version) => existsSync(`/usr/lib/postgresql/${version}/bin/initdb`));

const NEEDED = [
  { what: `Chromium (at ${CHROMIUM_PATH}, or set CHROMIUM_PATH)`, packages: ["chromium"], present: () => existsSync(CHROMIUM_PATH) },
  { what: "PostgreSQL's server programs", packages: ["postgresql"], present: hasPostgres },
  {
    what: "OpenStack Swift and memcached",
    packages: ["python3-swift", "memcached"],
    present: () => existsSync("/usr/bin/memcached") && spawnSync("/usr/bin/python3", ["-c", "import swift"], { stdio: "ignore" }).status === 0,
  },
  {
    what: "LibreOffice Impress, poppler and a CJK font",
    packages: ["libreoffice-impress", "poppler-utils", "fonts-wqy-microhei"],
    present: () => ["/usr/bin/soffice", "/usr/bin/pdftotext", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"].every((path) => existsSync(path)),
  },
  { what: "Info-ZIP's unzip", packages: ["unzip"], present: () => existsSync("/usr/bin/unzip") },
];

/**
 * npm's own packages, as `npm ci` installs them from the lock file, when one of the programs the caller runs
 * is missing (a fresh checkout has none; an install without dev packages lacks the tests' own).
 */
export const ensureNodeModules = (programs) => {
  if (programs.every((program) => existsSync(`node_modules/.bin/${program}`))) return;
  const status = spawnSync("npm", ["ci", "--no-audit", "--no-fund"], { stdio: "inherit" }).status ?? 1;
  if (status !== 0) process.exit(status);
};

export const ensurePackages = () => {
  const missing = NEEDED.filter((need) => !need.present());
  if (missing.length === 0) return;
  const packages = missing.flatMap((need) => need.packages);
  if (process.getuid?.() !== 0) {
    console.error(`The tests need ${missing.map((need) => need.what).join(" and ")}. Install Debian's packages: sudo apt-get install ${packages.join(" ")}`);
    process.exit(1);
  }
  console.log(`Installing Debian's ${packages.join(", ")} for the tests ...`);
  const apt = (args) => spawnSync("apt-get", args, { stdio: "inherit", env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" } }).status;
  if (apt(["update", "-q"]) !== 0 || apt(["install", "-y", "-q", "--no-install-recommends", ...packages]) !== 0 || missing.some((need) => !need.present())) {
    console.error(`Could not install ${packages.join(", ")} with apt-get.`);
    process.exit(1);
  }
};
