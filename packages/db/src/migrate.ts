import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join, resolve } from "node:path";
import type { MigrationConfig, MigrationMeta } from "drizzle-orm/migrator";
import type { PgDatabase, PgDialect, PgQueryResultHKT, PgSession } from "drizzle-orm/pg-core";

/**
 * A migration line that stands for a SQL file shared by several subgraphs (e.g. the reporting
 * workflow's tables, declared once in @hsa/reporting):
 *
 *     --> include @hsa/reporting/sql/reporting-workflow.sql schema=enrollment
 *
 * The file is found by Node's resolution from the migrations folder (a package the subgraph depends
 * on, or a path relative to the folder) and every `{schema}` in it becomes the given schema. To a
 * plain SQL reader the line is a comment: these folders are applied by `DbHandle.migrate`.
 */
const INCLUDE = /^--> include (\S+)(?: schema=([a-z_][a-z0-9_]*))?[ \t]*$/gm;

export interface MigrateOptions {
  /**
   * Where `--> include` specifiers are resolved from (default: the migrations folder itself). A copy
   * of a folder elsewhere (a test's older journal in a temporary directory) passes the original.
   */
  resolveFrom?: string;
}

/** A migration file's SQL with its `--> include` lines replaced by the shared files they name. */
export function expandIncludes(text: string, resolveFrom: string): string {
  const require = createRequire(join(resolve(resolveFrom), "noop.js"));
  return text.replace(INCLUDE, (_line, spec: string, schema: string | undefined) => {
    let path: string;
    try {
      path = require.resolve(spec);
    } catch (e) {
      throw new Error(`migration include "${spec}" not found from ${resolveFrom}: ${(e as Error).message}`);
    }
    const shared = readFileSync(path, "utf8");
    if (shared.includes("{schema}") && !schema)
      throw new Error(`migration include "${spec}" needs a schema (\`schema=<name>\`)`);
    return schema ? shared.replaceAll("{schema}", schema) : shared;
  });
}

/**
 * The migrations of a drizzle-kit folder as drizzle's migrator reads them (journal order, split at
 * `--> statement-breakpoint`, sha256 of the SQL), with includes expanded first.
 */
export function readMigrations(folder: string, options: MigrateOptions = {}): MigrationMeta[] {
  const journalPath = join(folder, "meta", "_journal.json");
  if (!existsSync(journalPath)) throw new Error(`no meta/_journal.json in ${folder}`);
  const journal = JSON.parse(readFileSync(journalPath, "utf8")) as {
    entries: { tag: string; when: number; breakpoints: boolean }[];
  };
  return journal.entries.map((entry) => {
    const file = join(folder, `${entry.tag}.sql`);
    if (!existsSync(file)) throw new Error(`no ${entry.tag}.sql in ${folder}`);
    const query = expandIncludes(readFileSync(file, "utf8"), options.resolveFrom ?? folder);
    return {
      sql: query.split("--> statement-breakpoint"),
      bps: entry.breakpoints,
      folderMillis: entry.when,
      hash: createHash("sha256").update(query).digest("hex"),
    };
  });
}

/**
 * Applies a folder's migrations as drizzle's own migrators do (`drizzle-orm/pglite/migrator` and
 * `…/postgres-js/migrator` are exactly `dialect.migrate(readMigrationFiles(config))`): the same
 * journal table and rules, one transaction; only the files are read by `readMigrations`.
 */
export async function applyMigrations(
  db: PgDatabase<PgQueryResultHKT>,
  folder: string,
  config: Omit<MigrationConfig, "migrationsFolder">,
  options: MigrateOptions = {},
): Promise<void> {
  const migrations = readMigrations(folder, options);
  // drizzle marks these two @internal; its migrators reach them the same way.
  const { dialect, session } = db as unknown as { dialect: PgDialect; session: PgSession };
  await dialect.migrate(migrations, session, { ...config, migrationsFolder: folder });
}
