import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    // Starting PostgreSQL takes a couple of seconds.
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Exercise the global setup the other packages use (provides inject("pgUrl")).
    globalSetup: ["./src/vitest-global-setup.ts"],
  },
});
