// Brings in the typed `inject("pgUrl")` provided by the shared PostgreSQL global setup.
import type {} from "@hsa/test-kit";
import { afterAll, describe, expect, inject, it } from "vitest";
import { type BulkWriter, bulkLoad, bulkWriter, copyLine, type DbHandle, openDatabase } from "../src";

// A large first load into an empty table rebuilds its secondary indexes (dropped before the insert,
// created again after it) in the load's transaction: afterwards they are the same indexes, by
// definition, and a load that fails leaves neither rows nor any change to the indexes.

const columns = ["id", "region_code", "quarter", "note"];
const line = (id: number, note: string | null = `n${id}`) =>
  copyLine([id, `43${String(id % 97).padStart(4, "0")}`, `2024Q${(id % 4) + 1}`, note]);
const lines = (from: number, count: number) => Array.from({ length: count }, (_, i) => line(from + i));

/** Each index of the table: name, definition and OID (a rebuilt index has a new OID). */
async function indexesOf(w: BulkWriter, schema: string) {
  const rows = await w.exec(`select c.relname as name, pg_get_indexdef(i.indexrelid) as def,
      i.indexrelid::bigint::text as oid
    from pg_index i join pg_class c on c.oid = i.indexrelid
    where i.indrelid = '${schema}.t'::regclass order by c.relname`);
  return rows.map((r) => ({ name: String(r.name), def: String(r.def), oid: String(r.oid) }));
}
const definitions = (ix: { name: string; def: string }[]) => ix.map(({ name, def }) => ({ name, def }));

async function exercise(h: DbHandle, schema: string) {
  const w = bulkWriter(h.db);
  await w.exec(`create schema ${schema}`);
  await w.exec(`create table ${schema}.t (id integer primary key, region_code varchar(6) not null,
    quarter varchar(6) not null, note text)`);
  // Secondary indexes of every kind (plain, descending, partial, expression, unique), and one with a
  // comment, which is left in place.
  await w.exec(`create index t_region_quarter_idx on ${schema}.t (region_code, quarter)`);
  await w.exec(
    `create index t_quarter_idx on ${schema}.t (quarter desc, region_code) where note is not null`,
  );
  await w.exec(`create unique index t_note_idx on ${schema}.t (lower(note))`);
  await w.exec(`create index t_commented_idx on ${schema}.t (note)`);
  await w.exec(`comment on index ${schema}.t_commented_idx is 'kept as it is'`);
  const before = await indexesOf(w, schema);
  expect(before.map((i) => i.name)).toEqual([
    "t_commented_idx",
    "t_note_idx",
    "t_pkey",
    "t_quarter_idx",
    "t_region_quarter_idx",
  ]);
  const table = `${schema}.t`;

  // A failing large first load (a duplicate of the unique index, found when it is built again): no
  // rows, and every index as before (the same index objects: the drops are rolled back).
  const duplicate = [...lines(1, 999), line(1000, "N5")];
  await expect(
    bulkLoad(h.db, (tx) => tx.copyLines(table, columns, duplicate), { indexRebuildRows: 100 }),
  ).rejects.toThrow(/duplicate|unique/i);
  expect(await w.exec(`select count(*)::int as n from ${table}`)).toEqual([{ n: 0 }]);
  expect(await indexesOf(w, schema)).toEqual(before);
  // A primary key refused at the insert, with the secondary indexes dropped by then: the same.
  await expect(
    bulkLoad(h.db, (tx) => tx.copyLines(table, columns, [...lines(1, 999), line(7, "again")]), {
      indexRebuildRows: 100,
    }),
  ).rejects.toThrow(/duplicate|unique/i);
  expect(await w.exec(`select count(*)::int as n from ${table}`)).toEqual([{ n: 0 }]);
  expect(await indexesOf(w, schema)).toEqual(before);

  // A large first load (50,000 rows, the default threshold): the secondary indexes are rebuilt (new
  // objects) with their exact definitions; the primary key and the commented index stay as they were.
  await bulkLoad(h.db, async (tx) => {
    await tx.copyLines(table, columns, lines(1, 30_000));
    await tx.copyLines(table, columns, lines(30_001, 20_000));
  });
  const after = await indexesOf(w, schema);
  expect(definitions(after)).toEqual(definitions(before));
  const rebuilt = after
    .filter((a) => before.find((b) => b.name === a.name)?.oid !== a.oid)
    .map((a) => a.name);
  expect(rebuilt).toEqual(["t_note_idx", "t_quarter_idx", "t_region_quarter_idx"]);
  // The rebuilt indexes answer as the table does.
  await w.exec("set enable_seqscan = off");
  try {
    const [byIndex] = await w.exec(
      `select count(*)::int as n from ${table} where region_code = '430005' and quarter = '2024Q3'`,
    );
    const [byNote] = await w.exec(`select id from ${table} where lower(note) = 'n49999'`);
    expect(byIndex?.n).toBe(
      Array.from({ length: 50_000 }, (_, i) => i + 1).filter((id) => id % 97 === 5 && id % 4 === 2).length,
    );
    expect(byNote?.id).toBe(49_999);
  } finally {
    await w.exec("reset enable_seqscan");
  }

  // A table that already has rows is filled through its indexes, which stay the same objects.
  await bulkLoad(h.db, (tx) => tx.copyLines(table, columns, lines(50_001, 200)), { indexRebuildRows: 100 });
  expect(await indexesOf(w, schema)).toEqual(after);
  expect(await w.exec(`select count(*)::int as n from ${table}`)).toEqual([{ n: 50_200 }]);
}

describe("bulk load: secondary indexes of a large first load", () => {
  const handles: DbHandle[] = [];
  afterAll(async () => {
    for (const h of handles) await h.close();
  });

  it("PGlite: rebuilt with their exact definitions; a failed load leaves no rows and the same indexes", async () => {
    const h = await openDatabase({ subgraph: "bulk-index-test", pgliteDataDir: "memory://" });
    handles.push(h);
    await exercise(h, "bulk_ix_lite");
  });

  it("PostgreSQL: the same", async () => {
    const h = await openDatabase({ subgraph: "bulk-index-test", databaseUrl: inject("pgUrl") });
    handles.push(h);
    await exercise(h, `bulk_ix_pg_${process.pid}`);
  });
});
