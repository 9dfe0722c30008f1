import { existsSync, mkdirSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { sql } from "drizzle-orm";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { drizzle as drizzlePostgres } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { applyMigrations, type MigrateOptions } from "./migrate";

/** A drizzle database, whichever driver is behind it (PGlite or the `postgres` driver). */
export type Database = PgDatabase<PgQueryResultHKT>;

export type DriverKind = "pglite" | "postgres";

export interface DbHandle {
  readonly db: Database;
  readonly kind: DriverKind;
  /** Where the data lives: a PGlite data directory ("memory://" when in memory) or a redacted PostgreSQL URL. */
  readonly location: string;
  /**
   * Applies the drizzle-kit migrations of one subgraph; idempotent. A migration may include a SQL
   * file shared by several subgraphs (`--> include <specifier> schema=<name>`, see `./migrate`).
   */
  migrate(migrationsFolder: string, subgraph: string, options?: MigrateOptions): Promise<void>;
  /** Cheap round trip for readiness checks; throws when the database cannot be reached. */
  ping(): Promise<void>;
  /**
   * PostgreSQL: replaces the pool with fresh connections, after an outage; statements waiting on
   * the old ones fail after a short grace (and read requests are retried). PGlite: absent.
   */
  renew?(): void;
  /**
   * Statements sent through `db` since the handle was opened (drizzle's query log, so every
   * select, insert, execute and transaction statement counts; migrations do not). Tests read it
   * before and after a request to check that a request costs a fixed number of statements.
   */
  readonly stats: StatementStats;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** The subgraph name, e.g. "enrollment": selects `ENROLLMENT_DATABASE_URL` before `DATABASE_URL`. */
  subgraph: string;
  env?: NodeJS.ProcessEnv;
  /**
   * Explicit PGlite data directory; "memory://" for an in-memory database. Default: `HSA_DATA_DIR`
   * or `<workspace root>/.data`, with the database in its `pglite/` subfolder.
   */
  pgliteDataDir?: string;
  /** Explicit PostgreSQL URL (wins over the environment). */
  databaseUrl?: string;
  /** Connection pool size for PostgreSQL (default 10). */
  poolSize?: number;
}

/** Counters of one handle (see `DbHandle.stats`). */
export interface StatementStats {
  statements: number;
}

/** A drizzle logger that only counts (cheap enough to stay on in production). */
function countingLogger(stats: StatementStats) {
  return {
    logQuery() {
      stats.statements += 1;
    },
  };
}

/** `<SUBGRAPH>_DATABASE_URL` (e.g. PAYMENT_REFORM_DATABASE_URL), else `DATABASE_URL`, else undefined. */
export function resolveDatabaseUrl(
  subgraph: string,
  env: NodeJS.ProcessEnv = process.env,
): string | undefined {
  const specific = `${subgraph.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_DATABASE_URL`;
  const url = env[specific] || env.DATABASE_URL;
  return url ? url : undefined;
}

/** The folder holding pnpm-workspace.yaml above `from` (the repo root), or `from` itself. */
export function workspaceRoot(from: string = process.cwd()): string {
  let dir = resolve(from);
  for (;;) {
    if (existsSync(join(dir, "pnpm-workspace.yaml"))) return dir;
    const up = dirname(dir);
    if (up === dir) return resolve(from);
    dir = up;
  }
}

export function defaultPgliteDir(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.HSA_DATA_DIR ? resolve(env.HSA_DATA_DIR) : join(workspaceRoot(), ".data");
  return join(base, "pglite");
}

export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = "***";
    return u.toString();
  } catch {
    return "<unparseable DATABASE_URL>";
  }
}

// One PGlite per data directory and process: PGlite is a single-process database and costs
// hundreds of MB, so subgraphs hosted in one process share it (each keeps its own schema).
interface SharedPglite {
  client: PGlite;
  refs: number;
  ready: Promise<void>;
}
const sharedPglites = new Map<string, SharedPglite>();

async function acquirePglite(dataDir: string): Promise<PGlite> {
  let entry = sharedPglites.get(dataDir);
  if (!entry) {
    if (dataDir !== "memory://") mkdirSync(dataDir, { recursive: true });
    const client = new PGlite({
      dataDir: dataDir === "memory://" ? undefined : dataDir,
      // No replica or archive reads this WAL: with `minimal`, a table truncated in the transaction
      // that loads it (the demo's bulk load, see `bulkLoad`) is written without WAL, ≈0.7 GB less.
      startParams: [...PGlite.defaultStartParams, "-c", "wal_level=minimal", "-c", "max_wal_senders=0"],
    });
    entry = { client, refs: 0, ready: client.waitReady };
    sharedPglites.set(dataDir, entry);
  }
  entry.refs += 1;
  await entry.ready;
  return entry.client;
}

async function releasePglite(dataDir: string, client: PGlite): Promise<void> {
  const entry = sharedPglites.get(dataDir);
  if (!entry || entry.client !== client) return;
  entry.refs -= 1;
  if (entry.refs <= 0) {
    sharedPglites.delete(dataDir);
    await client.close();
  }
}

function migrationTable(subgraph: string): { migrationsSchema: string; migrationsTable: string } {
  // Every subgraph keeps its own migration journal so they can share one database.
  return {
    migrationsSchema: "drizzle",
    migrationsTable: `__migrations_${subgraph.replace(/[^a-z0-9]/gi, "_")}`,
  };
}

/**
 * Opens the database of one subgraph: real PostgreSQL through the `postgres` driver when a URL is
 * configured, else embedded PGlite (shared with the other subgraphs of this process).
 */
export async function openDatabase(options: OpenOptions): Promise<DbHandle> {
  const env = options.env ?? process.env;
  const url = options.databaseUrl ?? resolveDatabaseUrl(options.subgraph, env);
  if (url && options.pgliteDataDir === undefined) {
    const connectTimeout = Number(env.HSA_DB_CONNECT_TIMEOUT_S ?? 3);
    const renewGrace = Number(env.HSA_DB_RENEW_GRACE_S ?? 30);
    const makeClient = () =>
      postgres(url, {
        max: options.poolSize ?? 10,
        onnotice: () => {},
        // Fail fast when the database is down (well inside the gateway's per-subgraph timeout).
        connect_timeout: connectTimeout,
        idle_timeout: 30,
      });
    // The pool behind `db` can be replaced after an outage (renew): drizzle holds this forwarder.
    let current = makeClient();
    const client = new Proxy(current, {
      get(_target, prop) {
        const v = Reflect.get(current, prop);
        return typeof v === "function" ? v.bind(current) : v;
      },
      // sql`…` tagged templates through the forwarder reach the current pool too.
      apply(_target, thisArg, args) {
        return Reflect.apply(current, thisArg, args);
      },
    });
    // A connection of its own, not one of the pool's, bounded in time: a pool connection opened
    // while the server was shutting down or starting up can wait forever (postgres 3.4.x
    // reconnects without end when the server closes during startup).
    const pingOnce = async (): Promise<void> => {
      const one = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: connectTimeout });
      let timer: NodeJS.Timeout | undefined;
      try {
        await Promise.race([
          one`select 1`,
          new Promise((_, reject) => {
            timer = setTimeout(
              () => reject(Object.assign(new Error("database ping timed out"), { code: "CONNECT_TIMEOUT" })),
              (connectTimeout + 1) * 1000,
            );
          }),
        ]);
      } finally {
        clearTimeout(timer);
        void one.end({ timeout: 0 }).catch(() => {});
      }
    };
    let lastPing: { at: number; result: Promise<void> } | undefined;
    const stats: StatementStats = { statements: 0 };
    const db = drizzlePostgres({ client, logger: countingLogger(stats) }) as unknown as Database;
    retryTransactions(db);
    return {
      db,
      stats,
      kind: "postgres",
      location: redactUrl(url),
      async migrate(folder, subgraph, options) {
        await applyMigrations(
          drizzlePostgres({ client }) as unknown as Database,
          folder,
          migrationTable(subgraph),
          options,
        );
      },
      ping() {
        // One ping at a time, its answer kept for a second: /ready is unauthenticated, and a
        // flood of it must not become a flood of database connections.
        const now = Date.now();
        if (lastPing && now - lastPing.at < 1000) return lastPing.result;
        const result = pingOnce();
        lastPing = { at: now, result };
        result.catch(() => {});
        return result;
      },
      renew() {
        const old = current;
        const next = makeClient();
        // drizzle set its own type parsers on the first client's options: the new one gets them too.
        Object.assign(next.options.parsers, old.options.parsers);
        Object.assign(next.options.serializers, old.options.serializers);
        current = next;
        // Statements still running or queued on the old connections get time to finish (under load a
        // landing's statements wait seconds for a connection: ending them after a few seconds failed
        // healthy requests with CONNECTION_DESTROYED); the ones stuck on a connection that never came
        // back fail after the grace (and their read requests are retried).
        void old.end({ timeout: renewGrace }).catch(() => {});
      },
      async close() {
        await current.end({ timeout: 5 });
      },
    };
  }
  const dataDir = options.pgliteDataDir ?? defaultPgliteDir(env);
  const client = await acquirePglite(dataDir);
  const stats: StatementStats = { statements: 0 };
  const pdb = drizzlePglite({ client, logger: countingLogger(stats) });
  let closed = false;
  return {
    db: pdb as unknown as Database,
    stats,
    kind: "pglite",
    location: dataDir,
    async migrate(folder, subgraph, options) {
      await applyMigrations(pdb as unknown as Database, folder, migrationTable(subgraph), options);
    },
    async ping() {
      await pdb.execute(sql`select 1`);
    },
    async close() {
      if (closed) return;
      closed = true;
      await releasePglite(dataDir, client);
    },
  };
}

/**
 * SQLSTATEs after which PostgreSQL has rolled the whole transaction back and running it again is
 * the documented remedy: deadlock_detected (two writers locking the same level roll-up rows — a
 * city's, a province's, the nation's — in opposite orders over several statements) and
 * serialization_failure.
 */
const RETRYABLE = new Set(["40P01", "40001"]);
const MAX_ATTEMPTS = 5;

function isRetryable(error: unknown): boolean {
  let cur: unknown = error;
  for (let depth = 0; cur && typeof cur === "object" && depth < 4; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && RETRYABLE.has(code)) return true;
    cur = (cur as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * Makes `db.transaction` run its callback again (up to five attempts, after a short random pause)
 * when PostgreSQL aborted it with a deadlock or a serialization failure: nothing of the failed
 * attempt was committed, so the write is all or nothing either way, and the caller sees success
 * instead of an error it can only answer by sending the same write again. A transaction's callback
 * therefore does database work only (reads of other services are harmless to repeat).
 */
function retryTransactions(db: Database): void {
  const once = db.transaction.bind(db);
  const retrying: typeof db.transaction = async (fn, config) => {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(fn, config);
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 20 * attempt));
      }
    }
  };
  Object.defineProperty(db, "transaction", { value: retrying, configurable: true, writable: true });
}

/** Reads a numeric SQL aggregate (which drivers return as string, number or bigint) as a JS number. */
export function toNumber(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === "number") return v;
  if (typeof v === "bigint") return Number(v);
  const n = Number(v);
  if (Number.isNaN(n)) throw new Error(`not a number from the database: ${String(v)}`);
  return n;
}

export {
  type BulkWriter,
  bulkLoad,
  bulkWriter,
  type CopyCell,
  copyCell,
  copyLine,
  copyRows,
  qualifiedName,
} from "./copy";
export {
  type LevelGroups,
  type LevelRollupSpec,
  levelGroups,
  levelKey,
  levelRollupFreshSql,
  levelRollupMigration,
  levelTable,
} from "./levels";
export { applyMigrations, expandIncludes, type MigrateOptions, readMigrations } from "./migrate";
export { fenToYuan, yuanToFen } from "./money";
export { regionSubtree } from "./region";
export { type RegionGroups, regionGroups, rowsOf, subtreeRange } from "./rollup";
export { compactDataVersion, DATA_VERSION_TABLES, installDataVersion, readDataVersion } from "./version";
