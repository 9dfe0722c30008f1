import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "dashboard",
    include: ["test/**/*.test.ts"],
    // Browser tests start a real stack (PGlite, subgraph, gateway), build the app and drive Chromium.
    testTimeout: 120_000,
    hookTimeout: 240_000,
    env: { LOG_LEVEL: "silent" },
  },
});
