import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port";
import { stopOnExit } from "./stop-on-exit";

/**
 * A real S3-compatible server for the tests: OpenStack Swift with its s3api middleware, from Debian's
 * python3-swift, with memcached for its auth cache. Four servers (object, container, account, proxy) on free
 * loopback ports, one replica on one device in a temporary folder, removed when stopped. The credentials are
 * tempauth's test user, as S3 keys: access key `test:tester`, secret `testing`.
 */
export type SwiftServer = {
  readonly endpoint: string;
  readonly region: string;
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  stop(): void;
};

const PYTHON = "/usr/bin/python3";

/**
 * Starts one Swift server with its swift.conf taken from our folder rather than /etc/swift (Swift reads
 * that path when it loads, so it is pointed elsewhere before the server is built).
 */
const RUNNER = `
import os, sys
from swift.common import utils
utils.SWIFT_CONF_FILE = os.path.join(sys.argv[1], "swift.conf")
utils.HASH_PATH_PREFIX = b""
utils.HASH_PATH_SUFFIX = b""
utils.validate_configuration()
from swift.common.storage_policy import reload_storage_policies
reload_storage_policies()
from swift.common.wsgi import run_wsgi
sys.exit(run_wsgi(sys.argv[2], sys.argv[3]))
`;

/** swift-ring-builder itself is not packaged; its module has no command-line entry of its own. */
const RING_BUILDER = 'import sys; from swift.cli.ringbuilder import main; main(["swift-ring-builder"] + sys.argv[1:])';

export const swiftAvailable = (): boolean =>
  existsSync("/usr/bin/memcached") && spawnSync(PYTHON, ["-c", "import swift"], { stdio: "ignore" }).status === 0;

const waitUntil = async (check: () => Promise<boolean>, what: string, timeoutMs = 60_000) => {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`${what} did not come up within ${timeoutMs / 1000} s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
};

export const startSwiftServer = async (): Promise<SwiftServer> => {
  if (!swiftAvailable()) {
    throw new Error("OpenStack Swift is not installed: npm test installs Debian's python3-swift and memcached when run as root; otherwise run sudo apt-get install python3-swift memcached.");
  }
  const dir = mkdtempSync(join(tmpdir(), "playground-swift-"));
  const devices = join(dir, "devices");
  mkdirSync(join(devices, "d1"), { recursive: true });
  const [object, container, account, proxy, memcache] = await Promise.all([freePort(), freePort(), freePort(), freePort(), freePort()]);
  const user = userInfo().username;
  writeFileSync(join(dir, "swift.conf"), "[swift-hash]\nswift_hash_path_suffix = playground-tests\n\n[storage-policy:0]\nname = default\ndefault = yes\n");
  writeFileSync(join(dir, "run.py"), RUNNER);
  const common = (port: number) =>
    `[DEFAULT]\ndevices = ${devices}\nmount_check = false\nbind_ip = 127.0.0.1\nbind_port = ${port}\nworkers = 0\nuser = ${user}\nswift_dir = ${dir}\nlog_level = WARNING\n`;
  const server = (kind: string, port: number) =>
    `${common(port)}\n[pipeline:main]\npipeline = ${kind}-server\n\n[app:${kind}-server]\nuse = egg:swift#${kind}\n`;
  writeFileSync(join(dir, "object-server.conf"), server("object", object));
  writeFileSync(join(dir, "container-server.conf"), server("container", container));
  writeFileSync(join(dir, "account-server.conf"), server("account", account));
  // Pipeline names and the entry points behind them (only proxy-logging's differ).
  const filters = [["catch_errors", "catch_errors"], ["gatekeeper", "gatekeeper"], ["proxy-logging", "proxy_logging"], ["listing_formats", "listing_formats"], ["bulk", "bulk"], ["copy", "copy"], ["slo", "slo"], ["dlo", "dlo"]];
  writeFileSync(
    join(dir, "proxy-server.conf"),
    [
      `${common(proxy)}`,
      "[pipeline:main]",
      // slo makes multipart uploads work; cache holds tempauth's tokens.
      "pipeline = catch_errors gatekeeper proxy-logging cache listing_formats bulk s3api tempauth copy slo dlo proxy-logging proxy-server",
      "",
      "[app:proxy-server]\nuse = egg:swift#proxy\naccount_autocreate = true\n",
      "[filter:s3api]\nuse = egg:swift#s3api\nlocation = us-east-1\ndns_compliant_bucket_names = false\n",
      "[filter:tempauth]\nuse = egg:swift#tempauth\nuser_test_tester = testing .admin\n",
      `[filter:cache]\nuse = egg:swift#memcache\nmemcache_servers = 127.0.0.1:${memcache}\n`,
      ...filters.map(([name, entry]) => `[filter:${name}]\nuse = egg:swift#${entry}\n`),
    ].join("\n"),
  );
  // One ring per kind of server: part power 6, one replica, one device. Rebalance exits 1 on mere warnings.
  for (const [kind, port] of [["object", object], ["container", container], ["account", account]] as const) {
    const builder = join(dir, `${kind}.builder`);
    const ring = (args: string[], ok: readonly number[] = [0]) => {
      const result = spawnSync(PYTHON, ["-c", RING_BUILDER, builder, ...args], { encoding: "utf8", cwd: dir });
      if (!ok.includes(result.status ?? -1)) throw new Error(`ring builder ${args[0]} failed: ${result.stdout}${result.stderr}`);
    };
    ring(["create", "6", "1", "1"]);
    ring(["add", `r1z1-127.0.0.1:${port}/d1`, "1"]);
    ring(["rebalance"], [0, 1]);
  }

  const children: ChildProcess[] = [];
  const log: string[] = [];
  const start = (command: string, args: string[]) => {
    const child = spawn(command, args, { cwd: dir, stdio: ["ignore", "ignore", "pipe"], detached: true });
    child.stderr?.on("data", (chunk: Buffer) => log.push(chunk.toString()));
    children.push(child);
  };
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    for (const child of children) if (child.pid !== undefined && child.exitCode === null) process.kill(-child.pid, "SIGKILL");
    rmSync(dir, { recursive: true, force: true });
  };
  const forget = stopOnExit(stop);
  try {
    start("/usr/bin/memcached", ["-l", "127.0.0.1", "-p", String(memcache), "-U", "0", "-u", user]);
    for (const kind of ["object", "container", "account", "proxy"]) start(PYTHON, [join(dir, "run.py"), dir, join(dir, `${kind}-server.conf`), `${kind}-server`]);
    const endpoint = `http://127.0.0.1:${proxy}`;
    await waitUntil(async () => {
      const dead = children.find((child) => child.exitCode !== null);
      if (dead) throw new Error(`a Swift server exited (${dead.exitCode}): ${log.join("").slice(-2000)}`);
      // The proxy answers before the servers behind it listen, and then refuses a bucket with a 503: every one
      // must answer (any answer) first.
      const answers = (url: string) => fetch(url).then(() => true, () => false);
      return (await Promise.all([`${endpoint}/healthcheck`, ...[object, container, account].map((port) => `http://127.0.0.1:${port}/`)].map(answers))).every(Boolean);
    }, "Swift");
    return {
      endpoint,
      region: "us-east-1",
      accessKeyId: "test:tester",
      secretAccessKey: "testing",
      stop() {
        forget();
        stop();
      },
    };
  } catch (error) {
    forget();
    stop();
    throw error;
  }
};
