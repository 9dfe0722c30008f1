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

  // The COPYs of a load reach the table as one statement per table (its statement-level triggers,
  // which keep the summaries, run once over the whole load), before any exec and at the end.
  await w.exec(`create table ${schema}.fired (n integer not null)`);
  await w.exec(`create function ${schema}.count_fired() returns trigger language plpgsql as $$
    begin insert into ${schema}.fired select count(*) from added; return null; end $$`);
  await w.exec(`create trigger t_fired after insert on ${table} referencing new table as added
    for each statement execute function ${schema}.count_fired()`);
  await bulkLoad(h.db, async (tx) => {
    await tx.copyLines(table, columns, [copyLine([30, "a", 1])]);
    await tx.copyLines(table, columns, [copyLine([31, "b", 2])]);
    const [seen] = await tx.exec(`select count(*)::int as n from ${table} where id >= 30`);
    expect(seen?.n).toBe(2);
    await tx.copyLines(table, columns, [copyLine([32, "c", 3])]);
    await tx.copyLines(table, columns, [copyLine([33, "d", 4])]);
  });
  expect(await w.exec(`select n from ${schema}.fired order by n`)).toEqual([{ n: 2 }, { n: 2 }]);
  await w.exec(`drop trigger t_fired on ${table}`);
  await w.exec(`delete from ${table} where id >= 30`);

  // Every column type the demo tables load reads its cell as COPY would (its input function): dates,
  // timestamps, booleans, NUMERIC, JSONB (parsed, not kept as a string), a quoted column name.
  await w.exec(`create table ${schema}.typed (id integer primary key, "Day" date, at timestamptz,
    ok boolean, yuan numeric(14,2), doc jsonb, note text default 'kept')`);
  const at = new Date("2024-03-31T16:00:00.000Z");
  await bulkLoad(h.db, (tx) =>
    tx.copyLines(
      `${schema}.typed`,
      ["id", '"Day"', "at", "ok", "yuan", "doc"],
      [
        copyLine([1, "2024-04-01", at, true, "1234.56", '{"a":[1,"x\\ty"]}']),
        copyLine([2, null, null, false, "-0.01", null]),
      ],
    ),
  );
  const typed = await w.exec(
    `select id, "Day"::text as day, at = '2024-03-31T16:00:00Z' as at_ok, ok, yuan::text as yuan,
      doc->'a'->>1 as doc_a1, note from ${schema}.typed order by id`,
  );
  expect(typed).toEqual([
    { id: 1, day: "2024-04-01", at_ok: true, ok: true, yuan: "1234.56", doc_a1: "x\ty", note: "kept" },
    { id: 2, day: null, at_ok: null, ok: false, yuan: "-0.01", doc_a1: null, note: "kept" },
  ]);

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
