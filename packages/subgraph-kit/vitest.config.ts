import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { name: "subgraph-kit", include: ["test/**/*.test.ts"] },
});
