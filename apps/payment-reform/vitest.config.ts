import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { name: "payment-reform", include: ["test/**/*.test.ts"], env: { LOG_LEVEL: "silent" } },
});
