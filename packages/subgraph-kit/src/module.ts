import type { Database, DbHandle } from "@hsa/db";
import type { Logger } from "pino";
import type { RunningService } from "./subgraph";

export interface StartOptions {
  handle: DbHandle;
  port?: number;
  host?: string;
  jwtSecret: string;
  log?: Logger;
  /** Close the database when the service stops (default false: the caller owns it). */
  closeDbOnStop?: boolean;
  /**
   * GraphQL URLs of other subgraphs by name, for the rare call one makes to another's owner
   * (e.g. procurement asking supervision whether an institution exists). Default: `<NAME>_URL`.
   */
  peers?: Record<string, string>;
}

export interface DemoLoadResult {
  inserted: number;
  skipped: boolean;
}

/**
 * What every subgraph app exports, so the launcher (`npm start`), the tests and the benchmarks
 * treat all subgraphs alike: one entry per subgraph, nothing else to wire.
 */
export interface SubgraphModule {
  /** Federation name and database schema, e.g. "enrollment". */
  name: string;
  /** Documented default port (4001…); `<NAME>_PORT` overrides it. */
  defaultPort: number;
  /** Migrates its schema and starts its HTTP server. */
  start(opts: StartOptions): Promise<RunningService>;
  /** Loads the demo dataset into an empty database (a database with data is left alone). */
  loadDemo?(db: Database, onProgress?: (done: number, total: number) => void): Promise<DemoLoadResult>;
}

/** `ENROLLMENT_PORT`, `PAYMENT_REFORM_PORT`, … */
export function portEnvName(name: string): string {
  return `${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_PORT`;
}
