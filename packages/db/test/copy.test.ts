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

  it("PGlite: a first load into empty tables skips their WAL, and a table with rows is never truncated", async () => {
    const h = await openDatabase({ subgraph: "copy-test", pgliteDataDir: "memory://" });
    handles.push(h);
    const w = bulkWriter(h.db);
    const s = "fresh_lite";
    await w.exec(`create schema ${s}`);
    for (const name of ["a", "b"]) {
      await w.exec(`create table ${s}.${name}_parent (id integer primary key, label text not null)`);
      await w.exec(`create table ${s}.${name}_child (id integer primary key,
        parent_id integer references ${s}.${name}_parent, note text)`);
      await w.exec(`create index on ${s}.${name}_child (parent_id)`);
    }
    // b's child holds a row (no parent): so b's parent, although empty, cannot be truncated.
    await w.exec(`insert into ${s}.b_child values (0, null, 'kept')`);
    // A derived table with rows from another source, which a TRUNCATE of a_parent would empty (as
    // the summaries' TRUNCATE triggers do): a_parent was empty, so it must keep its row.
    await w.exec(`create table ${s}.derived (source text primary key)`);
    await w.exec(`insert into ${s}.derived values ('elsewhere')`);
    await w.exec(`create function ${s}.empty_derived() returns trigger language plpgsql as $$
      begin truncate ${s}.derived; return null; end $$`);
    await w.exec(`create trigger a_parent_truncate after truncate on ${s}.a_parent
      for each statement execute function ${s}.empty_derived()`);
    const lsn = async () => (await w.exec("select pg_current_wal_lsn()::text as l"))[0]?.l as string;
    const walOf = async (name: string) => {
      const before = await lsn();
      await bulkLoad(h.db, async (tx) => {
        const ids = Array.from({ length: 100_000 }, (_, i) => i + 1);
        await tx.copyLines(
          `"${s}"."${name}_parent"`,
          ["id", "label"],
          ids.map((i) => copyLine([i, `p${i}`])),
        );
        // (Past wal_skip_threshold, 2 MB: smaller new files are logged whole at commit.)
        // An exec between the COPYs: the child's rows arrive in a second flush, after the parent's.
        await tx.exec("select 1");
        await tx.copyLines(
          `"${s}"."${name}_child"`,
          ["id", "parent_id", "note"],
          ids.map((i) => copyLine([i, i, "n"])),
        );
      });
      const [{ d } = { d: 0 }] = await w.exec(
        `select pg_wal_lsn_diff(pg_current_wal_lsn(), '${before}')::int as d`,
      );
      return Number(d);
    };
    const fresh = await walOf("a");
    const logged = await walOf("b");
    // Every row arrived in both loads, and b's earlier row is still there.
    for (const name of ["a", "b"]) {
      const [c] = await w.exec(`select (select count(*) from ${s}.${name}_parent)::int as p,
        (select count(*) from ${s}.${name}_child where parent_id is not null)::int as c`);
      expect(c).toEqual({ p: 100_000, c: 100_000 });
    }
    expect(await w.exec(`select note from ${s}.b_child where id = 0`)).toEqual([{ note: "kept" }]);
    expect(await w.exec(`select source from ${s}.derived`)).toEqual([{ source: "elsewhere" }]);
    // The load's transaction left the session's replication role as it was (triggers fire again).
    expect(await w.exec("show session_replication_role")).toEqual([{ session_replication_role: "origin" }]);
    // a's tables (with their indexes) were written without WAL; b's went through it.
    const [{ bytes } = { bytes: 0 }] = await w.exec(
      `select (pg_total_relation_size('${s}.b_parent') + pg_total_relation_size('${s}.b_child'))::int as bytes`,
    );
    expect(logged).toBeGreaterThan(Number(bytes) / 2);
    expect(fresh).toBeLessThan(logged / 10);
  });

  it("PostgreSQL: the same through COPY FROM STDIN on one connection", async () => {
    const h = await openDatabase({ subgraph: "copy-test", databaseUrl: inject("pgUrl") });
    handles.push(h);
    await exercise(h, `copy_pg_${process.pid}`);
  });
});
