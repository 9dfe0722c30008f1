import { defineConfig } from "vitest/config";

// Unit tests of the gateway's own code (composition, API documentation). Tests that start the
// gateway in front of real subgraphs live in tests/system (@hsa/system-tests).
export default defineConfig({
  test: {
    name: "gateway",
    include: ["test/**/*.test.ts"],
    env: { LOG_LEVEL: "silent" },
  },
});
