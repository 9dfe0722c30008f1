/**
 * Vitest globalSetup: starts one PostgreSQL server for the whole test run.
 *
 *   // vitest.config.ts
 *   export default defineConfig({ test: { globalSetup: ["@hsa/test-kit/vitest-global-setup"] } });
 *   // in tests
 *   import { inject } from "vitest";
 *   const url = inject("pgUrl");
 */
import type { TestProject } from "vitest/node";
import { setupPostgresForVitest } from "./vitest";

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const teardown = await setupPostgresForVitest();
  const url = process.env.HSA_TEST_PG_URL;
  if (!url) throw new Error("setupPostgresForVitest did not set HSA_TEST_PG_URL");
  project.provide("pgUrl", url);
  return teardown;
}
