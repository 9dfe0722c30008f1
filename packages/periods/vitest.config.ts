import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "periods",
    include: ["test/**/*.test.ts"],
  },
});
