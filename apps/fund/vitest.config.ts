import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { name: "fund", include: ["test/**/*.test.ts"], env: { LOG_LEVEL: "silent" } },
});
