import { fileURLToPath } from "node:url";
// Brings in the typed `inject("pgUrl")` provided by the shared PostgreSQL global setup.
import type {} from "@hsa/test-kit";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import { type DbHandle, openDatabase, redactUrl, resolveDatabaseUrl, toNumber } from "../src";

const migrations = fileURLToPath(new URL("./fixtures/drizzle", import.meta.url));

describe("configuration", () => {
  it("prefers <SUBGRAPH>_DATABASE_URL over DATABASE_URL, and PGlite when neither is set", () => {
    const env = { DATABASE_URL: "postgres://a/all", PAYMENT_REFORM_DATABASE_URL: "postgres://b/pay" };
    expect(resolveDatabaseUrl("payment-reform", env)).toBe("postgres://b/pay");
    expect(resolveDatabaseUrl("enrollment", env)).toBe("postgres://a/all");
    expect(resolveDatabaseUrl("enrollment", {})).toBeUndefined();
    expect(resolveDatabaseUrl("enrollment", { DATABASE_URL: "" })).toBeUndefined();
  });
  it("never prints a password", () => {
    expect(redactUrl("postgres://hsa:s3cret@db:5432/hsa")).not.toContain("s3cret");
  });
  it("reads numeric aggregates from either driver as numbers", () => {
    expect(toNumber("12345678901")).toBe(12_345_678_901);
    expect(toNumber(7n)).toBe(7);
    expect(toNumber(null)).toBe(0);
    expect(() => toNumber("abc")).toThrow(/not a number/);
  });
});

async function exercise(a: DbHandle, b: DbHandle) {
  await a.migrate(migrations, "fixture");
  await a.migrate(migrations, "fixture"); // idempotent
  await a.db.execute(sql`insert into fixture.item values (1, 9007199254740993)`);
  // The second handle sees the first one's data: same database.
  const rows = await b.db.execute(sql`select amount_fen::text as fen from fixture.item`);
  const list = Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows;
  expect(list).toEqual([{ fen: "9007199254740993" }]);
  await a.ping();
}

describe("PGlite (embedded)", () => {
  it("shares one PGlite between the subgraphs of a process, each closing its own handle", async () => {
    const a = await openDatabase({ subgraph: "enrollment", pgliteDataDir: "memory://" });
    const b = await openDatabase({ subgraph: "procurement", pgliteDataDir: "memory://" });
    expect(a.kind).toBe("pglite");
    await exercise(a, b);
    await a.close();
    await b.ping(); // still open for the other subgraph
    await b.close();
  });
});

describe("PostgreSQL", () => {
  const handles: DbHandle[] = [];
  afterAll(async () => {
    for (const h of handles) await h.close();
  });
  it("runs the same migrations through the postgres driver", async () => {
    const url = inject("pgUrl");
    const a = await openDatabase({ subgraph: "enrollment", databaseUrl: url });
    const b = await openDatabase({ subgraph: "enrollment", env: { DATABASE_URL: url } });
    handles.push(a, b);
    expect(a.kind).toBe("postgres");
    expect(b.kind).toBe("postgres");
    await exercise(a, b);
  });

  it("PostgreSQL: renewing the pool (after an outage) lets statements already running finish", async () => {
    const h = await openDatabase({ subgraph: "enrollment", databaseUrl: inject("pgUrl"), poolSize: 2 });
    handles.push(h);
    // A statement slower than the former 5 s grace, and two more for the pool's other connection
    // (drizzle's queries start when awaited: Promise.resolve starts them now, on the old pool).
    const slow = Promise.resolve(h.db.execute(sql`select pg_sleep(6), 1 as done`));
    const queued = [1, 2].map((k) =>
      Promise.resolve(h.db.execute(sql`select pg_sleep(0.2), ${k}::int as k`)),
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    h.renew?.();
    const rows = (r: unknown) => [...(r as Iterable<Record<string, unknown>>)];
    expect(rows(await slow)[0]?.done).toBe(1);
    expect((await Promise.all(queued)).map((r) => rows(r)[0]?.k)).toEqual([1, 2]);
    expect(rows(await h.db.execute(sql`select 2 as n`))[0]?.n).toBe(2);
  });
});
