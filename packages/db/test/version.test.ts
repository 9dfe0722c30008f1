import { randomBytes } from "node:crypto";
import { fileURLToPath } from "node:url";
import { createDatabaseAt } from "@hsa/test-kit";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  bulkWriter,
  compactDataVersion,
  type DbHandle,
  installDataVersion,
  openDatabase,
  readDataVersion,
} from "../src";

const migrations = fileURLToPath(new URL("./fixtures/drizzle", import.meta.url));

/**
 * The data version moves with every committed write of the schema — insert, update, delete,
 * truncate, COPY — and only once it is committed; a rolled-back write and a read leave it alone.
 */
async function exercise(a: DbHandle, b: DbHandle) {
  await a.migrate(migrations, "fixture");
  await installDataVersion(a.db, "fixture");
  await installDataVersion(b.db, "fixture"); // idempotent
  const v = () => readDataVersion(b.db, "fixture");
  const v0 = await v();
  expect(v0).toMatch(/^[0-9a-f]{32}:\d+$/);
  await a.db.execute(sql`select * from fixture.item`);
  expect(await v()).toBe(v0);

  await a.db.execute(sql`insert into fixture.item values (1, 100)`);
  const v1 = await v();
  expect(v1).not.toBe(v0);
  await a.db.execute(sql`update fixture.item set amount_fen = 200 where id = 1`);
  const v2 = await v();
  expect(new Set([v0, v1, v2]).size).toBe(3);

  // Inside a transaction: invisible to others until the commit; a rollback changes nothing.
  await a.db
    .transaction(async (tx) => {
      await tx.execute(sql`delete from fixture.item`);
      await tx.execute(sql`insert into fixture.item values (2, 1)`);
      throw new Error("rolled back");
    })
    .catch(() => {});
  expect(await v()).toBe(v2);
  await a.db.transaction(async (tx) => {
    await tx.execute(sql`insert into fixture.item values (3, 1)`);
    await tx.execute(sql`insert into fixture.item values (4, 1)`);
  });
  const v3 = await v();
  expect(v3).not.toBe(v2);

  await bulkWriter(a.db).copyLines("fixture.item", ["id", "amount_fen"], ["5\t7\n"]);
  const v4 = await v();
  expect(v4).not.toBe(v3);
  await a.db.execute(sql`truncate fixture.item`);
  const v5 = await v();
  expect(v5).not.toBe(v4);

  // Folding old rows into the base keeps the value.
  expect(await compactDataVersion(a.db, "fixture")).toBeGreaterThan(0);
  expect(await v()).toBe(v5);
  await a.db.execute(sql`insert into fixture.item values (6, 1)`);
  expect(await v()).not.toBe(v5);
}

describe("data version", () => {
  it("PGlite", async () => {
    const a = await openDatabase({ subgraph: "enrollment", pgliteDataDir: "memory://" });
    const b = await openDatabase({ subgraph: "procurement", pgliteDataDir: "memory://" });
    try {
      await exercise(a, b);
    } finally {
      await a.close();
      await b.close();
    }
  });

  const handles: DbHandle[] = [];
  afterAll(async () => {
    for (const h of handles) await h.close();
  });
  it("PostgreSQL", async () => {
    const url = await createDatabaseAt(inject("pgUrl"), `hsa_version_${randomBytes(4).toString("hex")}`);
    const a = await openDatabase({ subgraph: "enrollment", databaseUrl: url });
    const b = await openDatabase({ subgraph: "procurement", databaseUrl: url });
    handles.push(a, b);
    await exercise(a, b);
  });
});
