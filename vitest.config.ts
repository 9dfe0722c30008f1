import { defineConfig } from "vitest/config";

// One vitest run over every workspace package, so `npm test` reports one total.
export default defineConfig({
  test: {
    projects: ["packages/*", "apps/*", "tests/*"],
  },
});
