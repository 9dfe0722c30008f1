import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  compactDataVersion,
  type Database,
  type DbHandle,
  installDataVersion,
  openDatabase,
  readDataVersion,
} from "@hsa/db";
import type { DocumentNode } from "graphql";
import type { Logger } from "pino";
import { jwtSecretFromEnv } from "./auth";
import { createLogger } from "./logger";
import type { ReportingCoverage } from "./quality";
import { onStopSignals } from "./stop-signals";
import {
  type ResolverMap,
  type RunningService,
  startSubgraph,
  subgraphTypeDefs,
  type UploadHandler,
} from "./subgraph";

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
  /** See `SubgraphOptions.internalSecret` (default: HSA_INTERNAL_SECRET). */
  internalSecret?: string | null;
  /** See `SubgraphOptions.revocationsUrl` (default: HSA_REVOCATIONS_URL). */
  revocationsUrl?: string;
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
  /** Documented default port (4001…). */
  defaultPort: number;
  /** The variable overriding the port, when it is not `<NAME>_PORT` (e.g. PAYMENT_REFORM_PORT). */
  portEnv?: string;
  /** The full SDL as served (shared parts added): `npm run compose` writes it to the registry's SDL file. */
  typeDefs: DocumentNode;
  /** Migrates its schema and starts its HTTP server. */
  start(opts: StartOptions): Promise<RunningService>;
  /**
   * Loads the demo dataset into an empty database (a database with data is left alone).
   * `onProgress` follows the rows' preparation (`done` of `total` units generated); at
   * `done === total` everything is prepared and only the write to the database remains.
   */
  loadDemo?(db: Database, onProgress?: (done: number, total: number) => void): Promise<DemoLoadResult>;
  /**
   * Demo only (`npm start`): marks the demo figures' county reports approved (the latest demo
   * quarter submitted, awaiting approval) when no workflow state exists yet. Returns rows marked.
   */
  loadDemoReports?(db: Database): Promise<number>;
  /**
   * Inserts the demo figures of one region's reporting units (`scope`: a region code, its counties
   * or institutions included) into a migrated database (tests and small stacks: the test stacks'
   * `demoScopes` call it, so they need no import of the subgraph). Returns what it inserted.
   */
  insertDemoScope?(db: Database, scope: string): Promise<unknown>;
  /**
   * The layouts `Query.<name>ReportLayouts` answers (its declared facts', @hsa/reporting's
   * FactLayout objects), readable without starting it: for clients' unit tests (the dashboard's forms).
   */
  reportLayouts?: readonly object[];
}

/** `ENROLLMENT_PORT`, `PROCUREMENT_PORT`, … */
export function portEnvName(name: string): string {
  return `${name.toUpperCase().replace(/[^A-Z0-9]/g, "_")}_PORT`;
}

/** The port a module listens on: its port variable, else its documented default. */
export function modulePort(mod: SubgraphModule, env: NodeJS.ProcessEnv = process.env): number {
  const v = env[mod.portEnv ?? portEnvName(mod.name)];
  return v ? Number(v) : mod.defaultPort;
}

/** What one start of a subgraph serves besides its SDL, made once per start. */
export interface SubgraphParts {
  resolvers: ResolverMap;
  /** Authenticated upload endpoints (CSV import) by path. */
  uploads?: Record<string, UploadHandler>;
  /** The reporting workflow's received-vs-expected counts (KPI values get PARTIAL_REPORTING flags). */
  coverage?: ReportingCoverage;
}

export interface SubgraphDefinition {
  name: string;
  defaultPort: number;
  portEnv?: string;
  /**
   * `import.meta.url` of the subgraph's `src/server.ts`: its schema.graphql lies beside it, its
   * drizzle-kit migrations in `../drizzle` (every subgraph is laid out the same way).
   */
  url: string;
  /** More SDL served with schema.graphql (e.g. the reporting workflow's generated fields). */
  extraSDL?: readonly string[];
  /** Its resolvers, uploads and coverage for one start (e.g. `@hsa/reporting`'s `defineReporting(…).parts`). */
  parts: (handle: DbHandle, opts: StartOptions) => SubgraphParts;
  loadDemo?: SubgraphModule["loadDemo"];
  loadDemoReports?: SubgraphModule["loadDemoReports"];
  insertDemoScope?: SubgraphModule["insertDemoScope"];
  reportLayouts?: SubgraphModule["reportLayouts"];
}

export interface DefinedSubgraph {
  /** The subgraph's own SDL (schema-first). */
  sdl: string;
  /** The full SDL as served (shared parts added), for composition. */
  typeDefs: DocumentNode;
  migrationsFolder: string;
  start(opts: StartOptions): Promise<RunningService>;
  module: SubgraphModule;
}

/** Compaction of the data-change rows at most this often (they are one per writing transaction). */
const COMPACT_EVERY_MS = 60_000;

/**
 * Reads the schema's data version (@hsa/db version.ts) for the gateway's response cache, and now and
 * then folds the rows of past writes into its base (in the background: the value does not change).
 */
export function dataVersionReader(handle: DbHandle, schema: string): () => Promise<string> {
  let lastCompaction = Date.now();
  return async () => {
    const version = await readDataVersion(handle.db, schema);
    if (Date.now() - lastCompaction > COMPACT_EVERY_MS) {
      lastCompaction = Date.now();
      void compactDataVersion(handle.db, schema).catch(() => {});
    }
    return version;
  };
}

/** One way to declare a subgraph: its SDL, migrations, resolvers and demo loader. */
export function defineSubgraph(def: SubgraphDefinition): DefinedSubgraph {
  const sdl = readFileSync(new URL("./schema.graphql", def.url), "utf8");
  const migrationsFolder = fileURLToPath(new URL("../drizzle", def.url));
  const start = async (opts: StartOptions): Promise<RunningService> => {
    await opts.handle.migrate(migrationsFolder, def.name);
    // Every table of the schema, whichever migration made it, moves the data version on a write.
    await installDataVersion(opts.handle.db, def.name);
    const parts = def.parts(opts.handle, opts);
    return startSubgraph({
      name: def.name,
      sdl,
      resolvers: parts.resolvers,
      extraSDL: def.extraSDL,
      coverage: parts.coverage,
      uploads: parts.uploads,
      port: opts.port ?? def.defaultPort,
      host: opts.host,
      jwtSecret: opts.jwtSecret,
      internalSecret: opts.internalSecret,
      revocationsUrl: opts.revocationsUrl,
      log: opts.log,
      ready: async () => {
        await opts.handle.ping();
        return { database: opts.handle.kind };
      },
      onDatabaseRecovered: () => opts.handle.renew?.(),
      dataVersion: dataVersionReader(opts.handle, def.name),
      onStop: opts.closeDbOnStop ? () => opts.handle.close() : undefined,
    });
  };
  const typeDefs = subgraphTypeDefs(sdl, def.extraSDL);
  const module: SubgraphModule = {
    name: def.name,
    typeDefs,
    defaultPort: def.defaultPort,
    portEnv: def.portEnv,
    start,
    loadDemo: def.loadDemo,
    loadDemoReports: def.loadDemoReports,
    insertDemoScope: def.insertDemoScope,
    reportLayouts: def.reportLayouts,
  };
  return { sdl, typeDefs, migrationsFolder, start, module };
}

/** Runs one subgraph alone (its own process and database connection), until SIGINT/SIGTERM. */
export async function runStandalone(
  mod: SubgraphModule,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningService> {
  const log = createLogger(mod.name, env);
  const handle = await openDatabase({ subgraph: mod.name, env });
  const service = await mod.start({
    handle,
    port: modulePort(mod, env),
    host: env.HSA_HOST ?? "127.0.0.1",
    jwtSecret: jwtSecretFromEnv(env),
    log,
    closeDbOnStop: true,
  });
  onStopSignals(() => service.stop(), { say: (msg) => log.warn(msg) });
  return service;
}
