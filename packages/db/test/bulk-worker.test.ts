// Brings in the typed `inject("pgUrl")` provided by the shared PostgreSQL global setup.
import type {} from "@hsa/test-kit";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  bulkLoadInWorker,
  bulkWriter,
  cancelBulkPrefetches,
  type DbHandle,
  openDatabase,
  prefetchBulkLoad,
} from "../src";
import type { ProducerData } from "./fixtures/workers/producer";

const producer = new URL("./fixtures/workers/producer.ts", import.meta.url);

async function exercise(h: DbHandle, schema: string) {
  const w = bulkWriter(h.db);
  await w.exec(`create schema ${schema}`);
  await w.exec(`create table ${schema}.t (id integer primary key, label text not null, note text)`);
  const table = `${schema}.t`;

  // Rows generated on a worker thread arrive in order, in one transaction; a statement sent after
  // the COPYs sees them; progress is reported; the producer's result comes back.
  const progress: number[] = [];
  const result = await bulkLoadInWorker<{ sent: number }>(
    h.db,
    producer,
    { table, n: 25_000, batch: 4_000 } satisfies ProducerData,
    (done) => progress.push(done),
  );
  expect(result).toEqual({ sent: 25_000 });
  expect(progress.at(-1)).toBe(25_000);
  expect(progress.length).toBe(7);
  const [count] = await w.exec(`select count(*)::int as n, max(id) as top from ${table}`);
  expect(count).toEqual({ n: 25_000, top: 24_999 });
  const [first] = await w.exec(`select label, note from ${table} where id = 0`);
  expect(first).toEqual({ label: "row 0\t", note: "after the copies" });

  // A producer that fails after its first batch leaves nothing: the first batch is rolled back.
  await w.exec(`truncate ${table}`);
  await expect(
    bulkLoadInWorker(h.db, producer, { table, n: 10_000, batch: 1_000, failAfterFirstBatch: true }),
  ).rejects.toThrow(/generator broke/);
  expect(await w.exec(`select count(*)::int as n from ${table}`)).toEqual([{ n: 0 }]);

  // A producer started ahead (a first start prefetches every subgraph's demo) is taken over by the
  // load with the same data, which gets every row; one no load takes is stopped.
  await w.exec(`truncate ${table}`);
  const ahead: ProducerData = { table, n: 9_000, batch: 1_000 };
  prefetchBulkLoad(producer, ahead);
  prefetchBulkLoad(producer, { ...ahead, n: 5 });
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(await bulkLoadInWorker(h.db, producer, ahead)).toEqual({ sent: 9_000 });
  expect(await w.exec(`select count(*)::int as n from ${table}`)).toEqual([{ n: 9_000 }]);
  expect(cancelBulkPrefetches()).toBe(1);
  expect(await w.exec(`select count(*)::int as n from ${table}`)).toEqual([{ n: 9_000 }]);
  await w.exec(`truncate ${table}`);

  // A row the database refuses (a duplicate key) fails the load, and the worker is stopped.
  await w.exec(`insert into ${table} (id, label) values (3, 'already there')`);
  await expect(bulkLoadInWorker(h.db, producer, { table, n: 10, batch: 5 })).rejects.toThrow();
  expect(await w.exec(`select count(*)::int as n from ${table}`)).toEqual([{ n: 1 }]);
}

describe("bulk load from a worker thread", () => {
  const handles: DbHandle[] = [];
  afterAll(async () => {
    for (const h of handles) await h.close();
  });

  it("PGlite: rows, order, progress, result; a failing producer or a refused row leaves nothing", async () => {
    const h = await openDatabase({ subgraph: "bulk-worker-test", pgliteDataDir: "memory://" });
    handles.push(h);
    await exercise(h, "worker_lite");
  });

  it("PostgreSQL: the same", async () => {
    const h = await openDatabase({ subgraph: "bulk-worker-test", databaseUrl: inject("pgUrl") });
    handles.push(h);
    await exercise(h, "worker_pg");
  });
});
