import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "db",
    include: ["test/**/*.test.ts"],
    globalSetup: ["@hsa/test-kit/vitest-global-setup"],
    hookTimeout: 120_000,
    // Opening PGlite takes seconds on a busy 2-core machine.
    testTimeout: 60_000,
  },
});
