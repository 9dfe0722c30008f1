import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "kpi",
    include: ["test/**/*.test.ts"],
  },
});
