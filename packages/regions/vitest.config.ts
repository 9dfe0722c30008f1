import { defineProject } from "vitest/config";

// Lets `vitest run` work from this folder (otherwise vitest picks up the root
// config, whose `projects` globs are relative to the repository root).
export default defineProject({
  test: {
    name: "regions",
    include: ["test/**/*.test.ts"],
  },
});
