import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // The real package throws outside React Server Components; unit tests import server modules directly.
      "server-only": fileURLToPath(new URL("./test/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["lib/**/*.test.ts", "app/**/*.test.ts", "components/**/*.test.ts"],
    environment: "node",
    testTimeout: 20_000,
    // Vitest's default is one worker fewer than the cores: one, on a two-core machine. The tests wait on real
    // services and child processes (PostgreSQL, Swift, the simulator) about as much as they compute, so two
    // files at a time there take the run from about six minutes to three and a half.
    maxWorkers: Math.max(2, availableParallelism()),
    // A throwaway PostgreSQL cluster for the store's contract tests, started once and removed after.
    globalSetup: ["./test/global-services.ts"],
  },
});
