import { randomBytes } from "node:crypto";
import { createDatabaseAt } from "@hsa/test-kit";
import { sql } from "drizzle-orm";
import { afterAll, describe, expect, inject, it } from "vitest";
import {
  bulkLoad,
  bulkWriter,
  type DbHandle,
  type LevelRollupSpec,
  levelRollupFreshSql,
  levelRollupMigration,
  openDatabase,
} from "../src";

const spec: LevelRollupSpec = {
  schema: "dl",
  source: "report",
  table: "report_level",
  sums: [{ name: "amount_fen", type: "bigint" }],
};

/** A gate both writers pass only once each has made its first write (so their locks cross). */
function gate(parties: number) {
  let arrived = 0;
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return () => {
    arrived += 1;
    if (arrived >= parties) open();
    return opened;
  };
}

describe("concurrent writes to one city's level rows (PostgreSQL)", () => {
  const handles: DbHandle[] = [];
  afterAll(async () => {
    for (const h of handles) await h.close();
  });

  it("two counties of one city written in opposite quarter order both commit, and the level rows equal the raw sums", async () => {
    const url = await createDatabaseAt(inject("pgUrl"), `hsa_deadlock_${randomBytes(4).toString("hex")}`);
    const h = await openDatabase({ subgraph: "deadlock-test", databaseUrl: url, poolSize: 4 });
    handles.push(h);
    const w = bulkWriter(h.db);
    await w.exec("create schema dl");
    await w.exec(`create table dl.report (region_code varchar(6) not null, quarter varchar(6) not null,
      amount_fen bigint not null, primary key (region_code, quarter))`);
    await bulkLoad(h.db, async (t) => {
      for (const statement of levelRollupMigration(spec).split("--> statement-breakpoint"))
        await t.exec(statement);
    });

    // 呼伦贝尔市: 海拉尔区 (150702) writes 2024Q1 then 2024Q2, 扎赉诺尔区 (150703) 2024Q2 then 2024Q1.
    // Each statement locks the city's, province's and nation's rows of its quarter: without a retry
    // one of the two would end in a deadlock (40P01) and its county's report would be lost.
    const arrive = gate(2);
    const write = (county: string, quarters: [string, string], amount: number) =>
      h.db.transaction(async (tx) => {
        await tx.execute(sql`insert into dl.report values (${county}, ${quarters[0]}, ${amount})
          on conflict (region_code, quarter) do update set amount_fen = excluded.amount_fen`);
        await arrive();
        await tx.execute(sql`insert into dl.report values (${county}, ${quarters[1]}, ${amount})
          on conflict (region_code, quarter) do update set amount_fen = excluded.amount_fen`);
      });
    await Promise.all([write("150702", ["2024Q1", "2024Q2"], 100), write("150703", ["2024Q2", "2024Q1"], 7)]);

    const city = await w.exec(
      "select quarter, amount_fen::int as amount from dl.report_level where depth = 2 and region_code = '150700' order by quarter",
    );
    expect(city).toEqual([
      { quarter: "2024Q1", amount: 107 },
      { quarter: "2024Q2", amount: 107 },
    ]);
    const kept = await w.exec(
      "select depth, region_code, quarter, amount_fen::text as a, source_rows::text as n from dl.report_level order by 1, 2, 3",
    );
    const fresh = await w.exec(
      `select depth, region_code, quarter, amount_fen::text as a, source_rows::text as n from (${levelRollupFreshSql(spec)}) f order by 1, 2, 3`,
    );
    expect(kept).toEqual(fresh);
    expect(kept).toHaveLength(10); // per quarter: the nation, 内蒙古, 呼伦贝尔市 and the two counties
  });
});
