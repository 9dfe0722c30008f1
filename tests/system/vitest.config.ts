import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "system",
    include: ["test/**/*.test.ts"],
    // Integration tests run against a real PostgreSQL server started once for the project.
    globalSetup: ["@hsa/test-kit/vitest-global-setup"],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    env: { LOG_LEVEL: "silent" },
  },
});
