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
  /** COPY text lines (tab-separated, newline-terminated: see `copyLine`; a piece may hold several) into `table (columns)`. */
  copyLines(table: string, columns: readonly string[], lines: readonly string[]): Promise<void>;
  /** Runs one SQL text; its rows. */
  exec(text: string): Promise<Record<string, unknown>[]>;
}

/**
 * The driver's own writer. `fresh` (PGlite, see `bulkLoad`): when the given tables and the tables
 * referencing them are all empty, truncates them together and returns their names; otherwise nothing.
 */
interface DriverWriter extends BulkWriter {
  fresh?(tables: readonly string[]): Promise<string[]>;
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
  // Piece by piece (a whole load's text joined could pass V8's longest string), each written out first.
  for (const piece of lines) {
    await new Promise<void>((resolve, reject) => stream.write(piece, (e) => (e ? reject(e) : resolve())));
  }
  stream.end();
  try {
    await tx.unsafe("select 1");
  } catch (e) {
    const reason = streamError ?? e;
    throw new Error(`COPY into ${table} was refused by the server: ${String(reason)}`, { cause: reason });
  }
}

function writerFor(client: LiteQuery | PgQuery, pgInTransaction: boolean): DriverWriter {
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
        blob: new Blob(lines as string[]),
      });
    },
    async exec(text) {
      return (await client.query(text)).rows as Record<string, unknown>[];
    },
    async fresh(tables) {
      // The empty ones, with the empty tables whose foreign keys reference them, truncated together
      // (PostgreSQL truncates a referenced table only with its referencing ones). When one of those
      // holds rows, nothing is truncated and the COPYs are logged as usual.
      const { rows } = await client.query(
        `with recursive t(rel) as (
           select unnest($1::text[])::regclass
           union
           select c.conrelid::regclass from pg_constraint c join t on c.confrelid = t.rel where c.contype = 'f'
         )
         select rel::text as name from t`,
        [tables],
      );
      const all = (rows as { name: string }[]).map((r) => r.name);
      for (const t of all) {
        const { rows: empty } = await client.query(`select not exists (select 1 from ${t}) as empty`);
        if (!(empty[0] as { empty: boolean }).empty) return [];
      }
      // In a savepoint: a refusal (a lock, a permission) costs the optimisation, never the load.
      // Without the tables' TRUNCATE triggers: they empty derived tables (summaries, roll-ups), some
      // of which also hold rows from another source; the truncated tables are empty, nothing changes.
      await client.query("savepoint hsa_fresh");
      try {
        const { rows: role } = await client.query(
          "select current_setting('session_replication_role') as role, set_config('session_replication_role', 'replica', true)",
        );
        await client.query(`truncate ${all.join(", ")}`);
        await client.query("select set_config('session_replication_role', $1, true)", [
          (role[0] as { role: string }).role,
        ]);
      } catch {
        await client.query("rollback to savepoint hsa_fresh");
        return [];
      }
      await client.query("release savepoint hsa_fresh");
      return all;
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
 * The COPYs of a table (and column list) are kept as text and reach the table as one COPY, in the
 * order of their first COPY: before any `exec` (which therefore sees every row copied before it) and
 * at the end. So the tables' statement-level triggers (county summaries, level roll-ups, VBP
 * refreshes) run once over the whole load, set-based, instead of once per COPY batch: the
 * whole-country demo's summaries are built by one GROUP BY each. One COPY per table also writes each
 * row once, with COPY's batched heap inserts (an earlier version staged the batches in temporary
 * tables and moved them with `INSERT … SELECT`: every row written twice, then inserted one by one).
 *
 * On PGlite, whose WAL level is `minimal` (see `openDatabase`), a table that is empty when its first
 * rows arrive is truncated first, in the same transaction, with the empty tables referencing it:
 * PostgreSQL then writes its rows and indexes without WAL and flushes the files at commit. The whole
 * country's first load writes ≈0.35 GB of WAL instead of ≈1.1 GB, and is ≈10 % faster.
 */
export async function bulkLoad<T>(db: Database, fn: (w: BulkWriter) => Promise<T>): Promise<T> {
  const client = clientOf(db);
  const run = async (w: BulkWriter) => {
    const buffered = bufferedWriter(w);
    const result = await fn(buffered);
    await buffered.flush();
    return result;
  };
  if ("unsafe" in client) return client.begin((tx) => run(writerFor(tx, true)));
  return client.transaction((tx) => run(writerFor(tx, false)));
}

/** A table name without its quotes (`"a"."b"` and regclass's `a.b` alike). */
const bare = (table: string) => table.replace(/"/g, "");

/** A writer that keeps each table's COPY text until `flush` (see `bulkLoad`). */
function bufferedWriter(w: DriverWriter): BulkWriter & { flush(): Promise<void> } {
  // A table is listed at its first COPY even when empty: the flush keeps that order (parents first).
  const pending = new Map<string, { table: string; columns: readonly string[]; text: string[] }>();
  const seen = new Set<string>();
  const flush = async () => {
    const first = [
      ...new Set([...pending.values()].filter((p) => p.text.length > 0).map((p) => p.table)),
    ].filter((t) => !seen.has(bare(t)));
    for (const t of first) seen.add(bare(t));
    // First rows of a table in this load: when it is empty, truncated in this transaction (see `fresh`).
    if (w.fresh && first.length > 0) for (const t of await w.fresh(first)) seen.add(bare(t));
    for (const p of pending.values()) {
      if (p.text.length === 0) continue;
      const text = p.text;
      p.text = [];
      await w.copyLines(p.table, p.columns, text);
    }
  };
  return {
    async copyLines(table, columns, lines) {
      const key = `${table}(${columns.join(", ")})`;
      let p = pending.get(key);
      if (!p) {
        p = { table, columns: [...columns], text: [] };
        pending.set(key, p);
      }
      // One string per batch: far fewer, smaller objects to keep than one per line.
      if (lines.length > 0) p.text.push(lines.join(""));
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
