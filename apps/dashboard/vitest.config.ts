import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "dashboard",
    include: ["test/**/*.test.ts"],
    // Browser tests start a real stack (PGlite, subgraph, gateway), build the app and drive Chromium.
    testTimeout: 120_000,
    hookTimeout: 240_000,
    env: { LOG_LEVEL: "silent" },
    // expect.poll waits on a condition; its default limit (1 s) is a race of its own on a busy
    // machine (a reload and its GraphQL round trips took longer with a load average of 14 on two
    // cores). 30 s, as playwright's own default for waitFor and clicks.
    expect: { poll: { timeout: 30_000 } },
  },
});
