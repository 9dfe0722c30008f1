// Brings in the typed `inject("pgUrl")` provided by the shared PostgreSQL global setup.
import type {} from "@hsa/test-kit";
import { afterAll, describe, expect, inject, it } from "vitest";
import { bulkLoad, bulkWriter, copyLine, type DbHandle, openDatabase } from "../src";

// Text that COPY's text format must escape, next to plain values, NULL and a bigint past 2^53.
const rows = [
  [1, "tab\there", "9007199254740993"],
  [2, "line\nbreak and back\\slash", null],
  [3, "回车\r和中文", "-5"],
] as const;

async function exercise(h: DbHandle, schema: string) {
  const w = bulkWriter(h.db);
  await w.exec(`create schema ${schema}`);
  await w.exec(`create table ${schema}.t (id integer primary key, label text not null, amount bigint)`);
  const table = `${schema}.t`;
  const columns = ["id", "label", "amount"];

  // One transaction: a COPY that fails (duplicate key) takes the earlier COPY of the same load with it.
  await expect(
    bulkLoad(h.db, async (tx) => {
      await tx.copyLines(table, columns, [copyLine([10, "first", 1])]);
      await tx.copyLines(table, columns, [copyLine([11, "dup", 1]), copyLine([11, "dup", 2])]);
    }),
  ).rejects.toThrow();
  expect(await w.exec(`select count(*)::int as n from ${table}`)).toEqual([{ n: 0 }]);

  const n = await bulkLoad(h.db, async (tx) => {
    await tx.copyLines(
      table,
      columns,
      rows.map((r) => copyLine(r)),
    );
    return (await tx.exec(`select count(*)::int as n from ${table}`))[0]?.n;
  });
  expect(n).toBe(3);
  const back = await w.exec(`select id, label, amount::text as amount from ${table} order by id`);
  expect(back.map((r) => [r.id, r.label, r.amount])).toEqual(rows.map((r) => [...r]));

  // Outside a load (the bench's writer) a refused COPY is reported too, and stores nothing.
  await expect(
    w.copyLines(table, columns, [copyLine([20, "x", 1]), copyLine([1, "dup", 1])]),
  ).rejects.toThrow(/duplicate key|aborted/);
  expect(await w.exec(`select count(*)::int as n from ${table}`)).toEqual([{ n: 3 }]);
}

describe("bulk load by COPY", () => {
  const handles: DbHandle[] = [];
  afterAll(async () => {
    for (const h of handles) await h.close();
  });

  it("PGlite: rows round-trip exactly (escapes, NULL, bigint) and a failed load leaves nothing", async () => {
    const h = await openDatabase({ subgraph: "copy-test", pgliteDataDir: "memory://" });
    handles.push(h);
    await exercise(h, "copy_lite");
  });

  it("PostgreSQL: the same through COPY FROM STDIN on one connection", async () => {
    const h = await openDatabase({ subgraph: "copy-test", databaseUrl: inject("pgUrl") });
    handles.push(h);
    await exercise(h, `copy_pg_${process.pid}`);
  });
});
