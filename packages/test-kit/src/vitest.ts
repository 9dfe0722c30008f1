import { startPostgres } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** URL of the PostgreSQL server started by `@hsa/test-kit`'s vitest global setup. */
    pgUrl: string;
  }
}

/**
 * Starts a PostgreSQL server, sets `process.env.HSA_TEST_PG_URL` to its url and returns the teardown.
 * Prefer the ready-made global setup (`src/vitest-global-setup.ts`), which also `provide`s `pgUrl`.
 */
export async function setupPostgresForVitest(): Promise<() => Promise<void>> {
  const server = await startPostgres();
  const previous = process.env.HSA_TEST_PG_URL;
  process.env.HSA_TEST_PG_URL = server.url;
  return async () => {
    if (previous === undefined) delete process.env.HSA_TEST_PG_URL;
    else process.env.HSA_TEST_PG_URL = previous;
    await server.stop();
  };
}
