// Bulk load of the national synthetic dataset (@hsa/demo-data generateNational) with COPY (@hsa/db
// `bulkWriter`: the `postgres` driver's COPY FROM STDIN, or PGlite's COPY FROM '/dev/blob', the same
// writer `npm start` loads its demo data with). Used by the bench.
import { type BulkWriter, bulkWriter, copyLine, type DbHandle } from "@hsa/db";
import { generateNational, NATIONAL_TABLES, type NationalTable, vbpBatches } from "@hsa/demo-data";
import { insertProcurementDemo } from "@hsa/procurement";

const FLUSH_ROWS = 100_000;

/** One SQL text through the handle's own driver client (postgres-js or PGlite); the rows. */
export async function rawQuery(handle: DbHandle, text: string): Promise<Record<string, unknown>[]> {
  return bulkWriter(handle.db).exec(text);
}

export interface NationalLoad {
  loaded: boolean;
  seconds: number;
  rows: number;
  counts: Record<string, number>;
}

/**
 * Loads the national dataset into the subgraphs' (migrated, empty) schemas. `handles` by subgraph
 * name (enrollment, supervision, procurement, payment). Skips when it is already there.
 */
export async function loadNational(
  handles: Record<string, DbHandle>,
  opts: { density: number; log?: (msg: string) => void },
): Promise<NationalLoad> {
  const log = opts.log ?? (() => {});
  const enrollment = handles.enrollment as DbHandle;
  const [existing] = await rawQuery(
    enrollment,
    "select count(*)::int as n from enrollment.quarterly_report where reported_by = 'national-demo'",
  );
  const n = Number(existing?.n ?? 0);
  if (n > 0) return { loaded: false, seconds: 0, rows: 0, counts: {} };

  const t0 = performance.now();
  await insertProcurementDemo(handles.procurement?.db as DbHandle["db"], {
    purchases: [],
    batches: vbpBatches,
    agreements: [],
    progress: [],
  });
  const targets = new Map<NationalTable, BulkWriter>();
  for (const table of Object.keys(NATIONAL_TABLES) as NationalTable[]) {
    const handle = handles[table.split(".")[0] as string];
    if (!handle) throw new Error(`no database handle for ${table}`);
    targets.set(table, bulkWriter(handle.db));
  }
  const buffers = new Map<NationalTable, string[]>();
  // Parents before children (foreign keys): flush in the tables' declaration order.
  const order = Object.keys(NATIONAL_TABLES) as NationalTable[];
  const flush = async (all: boolean) => {
    const big = order.some((t) => (buffers.get(t)?.length ?? 0) >= FLUSH_ROWS);
    if (!all && !big) return;
    for (const t of order) {
      const lines = buffers.get(t);
      if (!lines?.length) continue;
      await targets.get(t)?.copyLines(t, NATIONAL_TABLES[t], lines);
      buffers.set(t, []);
    }
  };
  let counties = 0;
  const counts = await generateNational({ density: opts.density }, async (rows) => {
    for (const t of order) {
      const buf = buffers.get(t) ?? [];
      for (const r of rows[t]) buf.push(copyLine(r));
      buffers.set(t, buf);
    }
    counties += 1;
    if (counties % 500 === 0) log(`${counties} counties generated`);
    await flush(false);
  });
  await flush(true);
  // COPY with explicit ids: move the serial sequences past them; fresh statistics for the planner.
  for (const [schema, table] of [
    ["supervision", "inspection"],
    ["supervision", "disposition"],
    ["payment", "global_budget"],
  ] as const) {
    const handle = handles[schema];
    if (!handle) continue;
    await rawQuery(
      handle,
      `select setval(pg_get_serial_sequence('${schema}.${table}', 'id'), coalesce((select max(id) from ${schema}.${table}), 1))`,
    );
  }
  await rawQuery(enrollment, "analyze");
  const rows = Object.values(counts).reduce((a, b) => a + b, 0);
  return { loaded: true, seconds: (performance.now() - t0) / 1000, rows, counts };
}
