// Bulk loads with COPY through the driver's own client: postgres-js `COPY … FROM STDIN`, or PGlite
// `COPY … FROM '/dev/blob'`. Used by the demo loaders of `npm start` and by the bench.
import { getTableColumns } from "drizzle-orm";
import { getTableConfig, type PgTable } from "drizzle-orm/pg-core";
import type { Database } from "./index";

/** A value as COPY's text format takes it (null is NULL; a Date is written as ISO 8601). */
export type CopyCell = string | number | bigint | boolean | Date | null | undefined;

/** The PGlite side of a COPY: a query with a blob (PGlite's Transaction or PGlite itself). */
interface LiteQuery {
  query(q: string, params?: unknown[], opts?: { blob?: Blob }): Promise<{ rows: unknown[] }>;
}
interface LiteClient extends LiteQuery {
  transaction<T>(fn: (tx: LiteQuery) => Promise<T>): Promise<T>;
}
interface PgQuery {
  unsafe(q: string): Promise<unknown[]> & { writable(): Promise<NodeJS.WritableStream> };
}
interface PgClient extends PgQuery {
  begin<T>(fn: (tx: PgQuery) => Promise<T>): Promise<T>;
}

/** A session that can COPY rows in and run plain SQL (inside `bulkLoad`, all in one transaction). */
export interface BulkWriter {
  /** COPY text lines (tab-separated, newline-terminated: see `copyLine`) into `table (columns)`. */
  copyLines(table: string, columns: readonly string[], lines: readonly string[]): Promise<void>;
  /** Runs one SQL text; its rows. */
  exec(text: string): Promise<Record<string, unknown>[]>;
}

/** One value in COPY's text format (backslash, tab, newline and carriage return escaped). */
export function copyCell(v: CopyCell): string {
  if (v === null || v === undefined) return "\\N";
  if (typeof v === "number" || typeof v === "bigint") return String(v);
  if (v instanceof Date) return v.toISOString();
  const s = String(v);
  return /[\\\t\n\r]/.test(s)
    ? s.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r")
    : s;
}

/** One row as a COPY text line. */
export function copyLine(cells: readonly CopyCell[]): string {
  return `${cells.map(copyCell).join("\t")}\n`;
}

/**
 * A COPY FROM STDIN through postgres-js. When the server refuses the rows (a constraint) after the
 * last of them was sent, postgres-js settles neither the query nor the stream (the error arrives
 * once the stream has ended and is dropped), so a statement right after the COPY, on the same
 * connection and in the same transaction, tells: it fails when the COPY has aborted the
 * transaction. Callers therefore COPY inside a transaction (see `writerFor`).
 */
async function pgCopy(tx: PgQuery, table: string, columns: readonly string[], lines: readonly string[]) {
  const stream = await tx.unsafe(`copy ${table} (${columns.join(", ")}) from stdin`).writable();
  let streamError: unknown;
  stream.on("error", (e) => {
    streamError = e;
  });
  await new Promise<void>((resolve, reject) =>
    stream.write(lines.join(""), (e) => (e ? reject(e) : resolve())),
  );
  stream.end();
  try {
    await tx.unsafe("select 1");
  } catch (e) {
    const reason = streamError ?? e;
    throw new Error(`COPY into ${table} was refused by the server: ${String(reason)}`, { cause: reason });
  }
}

function writerFor(client: LiteQuery | PgQuery, pgInTransaction: boolean): BulkWriter {
  if ("unsafe" in client) {
    return {
      async copyLines(table, columns, lines) {
        if (lines.length === 0) return;
        if (pgInTransaction) return pgCopy(client, table, columns, lines);
        // Outside `bulkLoad`: each COPY in its own transaction, so a refused one is reported.
        await (client as PgClient).begin((tx) => pgCopy(tx, table, columns, lines));
      },
      async exec(text) {
        return ((await client.unsafe(text)) ?? []) as Record<string, unknown>[];
      },
    };
  }
  return {
    async copyLines(table, columns, lines) {
      if (lines.length === 0) return;
      await client.query(`copy ${table} (${columns.join(", ")}) from '/dev/blob'`, [], {
        blob: new Blob([lines.join("")]),
      });
    },
    async exec(text) {
      return (await client.query(text)).rows as Record<string, unknown>[];
    },
  };
}

/** The driver's client behind a drizzle database (drizzle keeps it on `$client`). */
function clientOf(db: Database): LiteClient | PgClient {
  return (db as unknown as { $client: LiteClient | PgClient }).$client;
}

/** A writer outside any transaction (each COPY commits on its own, whole or not at all): the bench's loader. */
export function bulkWriter(db: Database): BulkWriter {
  return writerFor(clientOf(db), false);
}

/**
 * Runs `fn` in one transaction on the driver's own connection (PGlite: its transaction, which holds
 * the database for the duration; PostgreSQL: one reserved connection): every COPY and statement of
 * `fn` commits together or not at all.
 *
 * The COPYs go to staging tables (temporary, no index, no trigger) and reach their tables as one
 * `INSERT … SELECT` per table and column list, in the order of their first COPY: before any `exec`
 * (which therefore sees every row copied before it) and at the end. So the tables' statement-level
 * triggers (county summaries, level roll-ups, VBP refreshes) run once over the whole load, set-based,
 * instead of once per COPY batch: the whole-country demo's summaries are built by one GROUP BY each.
 */
export async function bulkLoad<T>(db: Database, fn: (w: BulkWriter) => Promise<T>): Promise<T> {
  const client = clientOf(db);
  const run = async (w: BulkWriter) => {
    const staged = stagedWriter(w);
    const result = await fn(staged);
    await staged.flush();
    return result;
  };
  if ("unsafe" in client) return client.begin((tx) => run(writerFor(tx, true)));
  return client.transaction((tx) => run(writerFor(tx, false)));
}

/** A writer that stages COPYs in temporary tables until `flush` (see `bulkLoad`). */
function stagedWriter(w: BulkWriter): BulkWriter & { flush(): Promise<void> } {
  const stages = new Map<string, { table: string; columns: string; stage: string; rows: number }>();
  const flush = async () => {
    for (const s of stages.values()) {
      if (s.rows === 0) continue;
      await w.exec(`insert into ${s.table} (${s.columns}) select ${s.columns} from ${s.stage}`);
      await w.exec(`truncate ${s.stage}`);
      s.rows = 0;
    }
  };
  return {
    async copyLines(table, columns, lines) {
      // A table is staged at its first COPY even when empty: the flush keeps that order (parents first).
      const key = `${table}(${columns.join(", ")})`;
      let s = stages.get(key);
      if (!s) {
        s = { table, columns: columns.join(", "), stage: `pg_temp.hsa_stage_${stages.size}`, rows: 0 };
        // The copied columns only (defaults apply at the insert), no constraints: checked at the insert.
        await w.exec(
          `create temporary table ${s.stage.slice("pg_temp.".length)} on commit drop as select ${s.columns} from ${table} with no data`,
        );
        stages.set(key, s);
      }
      if (lines.length === 0) return;
      await w.copyLines(s.stage, columns, lines);
      s.rows += lines.length;
    },
    async exec(text) {
      await flush();
      return w.exec(text);
    },
    flush,
  };
}

/** `schema.table` of a drizzle table, quoted as COPY needs it. */
export function qualifiedName(table: PgTable): string {
  const { schema, name } = getTableConfig(table);
  return schema ? `"${schema}"."${name}"` : `"${name}"`;
}

type Insert<T extends PgTable> = T["$inferInsert"];

/**
 * COPYs rows given as drizzle insert objects (property names as in the schema) into `table`:
 * the columns are those of `keys` (others take their defaults). Values are written as they are
 * (numbers, bigints, decimal strings, ISO dates), so give them in the database's own form.
 */
export async function copyRows<T extends PgTable>(
  w: BulkWriter,
  table: T,
  keys: readonly (keyof Insert<T> & string)[],
  rows: Iterable<Insert<T>>,
): Promise<number> {
  const columns = getTableColumns(table) as Record<string, { name: string }>;
  const names = keys.map((k) => {
    const c = columns[k];
    if (!c) throw new Error(`copyRows: ${qualifiedName(table)} has no column ${k}`);
    return `"${c.name}"`;
  });
  const lines: string[] = [];
  for (const row of rows) {
    const r = row as Record<string, CopyCell>;
    lines.push(copyLine(keys.map((k) => r[k])));
  }
  await w.copyLines(qualifiedName(table), names, lines);
  return lines.length;
}
