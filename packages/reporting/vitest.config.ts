import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    name: "reporting",
    include: ["test/**/*.test.ts"],
  },
});
