import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "fund",
    include: ["test/**/*.test.ts"],
    // The graph tests (./test/graph.integration) run on PGlite and on a real PostgreSQL server started
    // once for the project; the dashboard's browser test starts a stack and drives Chromium.
    globalSetup: ["@hsa/test-kit/vitest-global-setup"],
    testTimeout: 120_000,
    hookTimeout: 240_000,
    env: { LOG_LEVEL: "silent" },
    expect: { poll: { timeout: 30_000 } },
  },
});
