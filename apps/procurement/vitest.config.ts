import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { name: "procurement", include: ["test/**/*.test.ts"], env: { LOG_LEVEL: "silent" } },
});
