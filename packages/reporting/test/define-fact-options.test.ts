// defineFact's write options for facts that are not plain county reports (payment, issue 16), on a
// real (embedded) PostgreSQL: values derived before writing, a hook inside the write's transaction,
// imports that never move a row, the role a write needs, facts outside the approval workflow keyed
// by a pool or a budget (their stored regions in scope, never moved), and decimal fields.
import type { Database, DbHandle } from "@hsa/db";
import type { Principal } from "@hsa/subgraph-kit";
import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  integer,
  numeric,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  varchar,
} from "drizzle-orm/pg-core";
import type { GraphQLError } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineFact, type FactValues, field, runImport, type Workflow } from "../src";
import { auditsOf, codeOf, ctxOf, openFactSchema, principal } from "./harness";

const s = pgSchema("factopts");
const caseRow = s.table(
  "case_row",
  {
    institutionId: varchar("institution_id", { length: 40 }).notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    cases: integer("cases").notNull(),
    points: numeric("points", { precision: 18, scale: 4 }).notNull(),
    reportedBy: text("reported_by").notNull(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.quarter] })],
);
const registered = s.table("registered", { institutionId: text("institution_id").primaryKey() });
const budget = s.table("budget", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  key: text("key").notNull(),
  year: integer("year").notNull(),
  regionCode: varchar("region_code", { length: 6 }).notNull(),
  poolingArea: varchar("pooling_area", { length: 6 }).notNull(),
  amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
  share: numeric("share", { precision: 5, scale: 4 }).notNull(),
  updatedBy: text("updated_by").notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/** Points = cases × 1.25 (in a subgraph: from its catalogue), derived before the write. */
const derivePoints = (f: FactValues) => {
  f.points = ((Number(f.cases) * 125) / 100).toFixed(4);
};
const caseFact = defineFact({
  kind: "cases",
  noun: "case report",
  title: { zh: "病例", en: "Cases" },
  table: caseRow,
  fields: {
    institutionId: field.text({ zh: "机构编码", help: "id", maxLength: 40 }),
    quarter: field.quarter({ zh: "季度", help: "YYYYQn" }),
    cases: field.count({ zh: "病例数", help: "cases" }),
  },
  key: ["institutionId", "quarter"],
  region: "regionCode",
  quarter: "quarter",
  regionFrom: {
    field: "institutionId",
    of: (f) => /^(\d{6})-/.exec(String(f.institutionId))?.[1] ?? null,
    problem: () => "not an institution id",
  },
  derived: ["points"],
  async beforeWrite(tx, facts) {
    await tx
      .insert(registered)
      .values(facts.map((f) => ({ institutionId: String(f.institutionId) })))
      .onConflictDoNothing();
  },
  locks: [
    {
      field: "quarter",
      locked: async (_db, values) =>
        values.flatMap((v, index) =>
          String(v.quarter).startsWith("2023") ? [{ index, reason: "2023 is closed" }] : [],
        ),
    },
  ],
  stamp: (actor) => ({ reportedBy: actor.sub }),
  audit: { values: ["cases", "points"] },
  import: {
    action: "importCases",
    moves: "refuse",
    check: async (_db, rows) => {
      for (const r of rows) derivePoints(r.fact);
      return [];
    },
  },
});

const budgetFact = defineFact({
  kind: "budget",
  noun: "budget",
  title: { zh: "预算", en: "Budget" },
  table: budget,
  fields: {
    key: field.text({ zh: "key", help: "<county>-…", maxLength: 40 }),
    poolingArea: field.text({ zh: "统筹区", help: "pool", maxLength: 6 }),
    year: field.count({ zh: "年度", help: "year" }),
    amountYuan: field.yuan({ zh: "金额（元）", help: "yuan" }),
    share: field.decimal({ zh: "比例", help: "0–1", scale: 4, min: "0", max: "1" }),
  },
  key: ["key", "year"],
  region: "regionCode",
  derived: ["regionCode"],
  approval: false,
  role: "approver",
  regionStored: ["regionCode", "poolingArea"],
  stamp: (actor, now) => ({ updatedBy: actor.sub, updatedAt: now }),
  audit: { values: ["amountFen", "share"], entityKey: (f) => `budget:${f.key}:${f.year}` },
});

let handle: DbHandle;
let db: Database;
let workflow: Workflow;

const audits = () => auditsOf(db, [caseFact, budgetFact]);
const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join("\n")}\n`);
const importOpts = (scope: string) => ({
  db,
  workflow,
  principal: principal(scope),
  authorization: "",
  fileName: "c.csv",
});

/** A case report as a resolver writes it: checked, region and derived values set, then writeMutation. */
async function reportCases(input: Record<string, unknown>, p: Principal) {
  const { problems, values } = caseFact.check(input);
  if (problems.length) throw new Error(problems.map((x) => x.message).join("; "));
  const fact = { ...values, regionCode: String(input.institutionId).slice(0, 6) };
  derivePoints(fact);
  return caseFact.writeMutation(db, workflow, ctxOf(p), [fact], "reportCases");
}

/** A budget as a resolver writes it: its region derived from its key. */
async function setBudget(input: Record<string, unknown>, p: Principal) {
  const { problems, values } = budgetFact.check(input);
  if (problems.length)
    throw Object.assign(new Error(problems.map((x) => x.message).join("; ")), { problems });
  return budgetFact.writeMutation(
    db,
    workflow,
    ctxOf(p),
    [{ ...values, regionCode: String(input.key).slice(0, 6) }],
    "setBudget",
  );
}

beforeAll(async () => {
  ({ handle, db, workflow } = await openFactSchema(
    "factopts",
    [
      `create table factopts.case_row (institution_id varchar(40) not null, region_code varchar(6) not null,
       quarter varchar(6) not null, cases integer not null, points numeric(18,4) not null, reported_by text not null,
       primary key (institution_id, quarter))`,
      `create table factopts.registered (institution_id text primary key)`,
      `create table factopts.budget (id bigserial primary key, key text not null, year integer not null,
       region_code varchar(6) not null, pooling_area varchar(6) not null, amount_fen bigint not null,
       share numeric(5,4) not null, updated_by text not null, updated_at timestamptz not null, unique (key, year))`,
    ],
    {
      table: caseRow,
      regionCode: caseRow.regionCode,
      quarter: caseRow.quarter,
    },
  ));
}, 120_000);
afterAll(async () => handle?.close());

describe("defineFact write options", () => {
  it("derived values are stored, compared for idempotency and audited; beforeWrite runs in the write's transaction", async () => {
    const county = principal("150724");
    const first = await reportCases({ institutionId: "150724-H-1", quarter: "2024Q1", cases: 4 }, county);
    expect(first.rows[0]).toMatchObject({ changed: true, row: { points: "5.0000", cases: 4 } });
    const again = await reportCases({ institutionId: "150724-H-1", quarter: "2024Q1", cases: 4 }, county);
    expect(again).toMatchObject({ inserted: 0, updated: 0, unchanged: 1 });
    await reportCases({ institutionId: "150724-H-1", quarter: "2024Q1", cases: 8 }, county);
    expect((await audits()).at(-1)).toMatchObject({
      action: "reportCases",
      entityKey: "cases:150724-H-1:2024Q1",
      regionCode: "150724",
      oldValue: { cases: 4, points: "5.0000" },
      newValue: { cases: 8, points: "10.0000" },
    });
    expect(await db.select().from(registered)).toEqual([{ institutionId: "150724-H-1" }]);
    // a locked write rolls back what beforeWrite did
    const locked = await reportCases(
      { institutionId: "150724-H-2", quarter: "2023Q4", cases: 1 },
      county,
    ).catch((e) => e);
    expect(codeOf(locked)).toBe("BAD_USER_INPUT");
    expect(await db.select().from(registered)).toEqual([{ institutionId: "150724-H-1" }]);
  });

  it("an import with moves: refuse never moves a stored row to another county, even within the scope (403)", async () => {
    // a stored row of 150724-H-1 2024Q2 recorded under 150702 (the same city)
    await db.insert(caseRow).values({
      institutionId: "150724-H-1",
      regionCode: "150702",
      quarter: "2024Q2",
      cases: 1,
      points: "1.2500",
      reportedBy: "x",
    });
    const head = "机构编码,季度,病例数";
    const err = await runImport(
      caseFact.importKind(db, workflow),
      csv([head, "150724-H-1,2024Q2,2"]),
      importOpts("150700"),
    ).catch((e) => e);
    expect(codeOf(err)).toBe("FORBIDDEN");
    expect((err as Error).message).toMatch(/line 2: .*never moves/);
    const [row] = await db.select().from(caseRow).where(sql`quarter = '2024Q2'`);
    expect(row).toMatchObject({ regionCode: "150702", cases: 1 });
    // rows of their own county are written, with their derived values
    const ok = await runImport(
      caseFact.importKind(db, workflow),
      csv([head, "150724-H-3,2024Q2,2"]),
      importOpts("150700"),
    );
    expect(ok).toMatchObject({ ok: true, inserted: 1 });
    const [three] = await db.select().from(caseRow).where(sql`institution_id = '150724-H-3'`);
    expect(three?.points).toBe("2.5000");
  });

  it("role, approval: false, regionStored: a budget keyed by its key, its regions in scope on both sides, never moved", async () => {
    const approver = principal("150700", ["approver"]);
    const input = { key: "150702-A", poolingArea: "150700", year: 2024, amountYuan: "100.00", share: "0.85" };
    // a reporter may not set a budget
    expect(codeOf(await setBudget(input, principal("150700")).catch((e) => e))).toBe("FORBIDDEN");
    // no quarter, no county-quarter approval: the write needs none
    const first = await setBudget(input, approver);
    expect(first.rows[0]).toMatchObject({ changed: true, row: { regionCode: "150702", share: "0.8500" } });
    expect(await setBudget({ ...input, share: "0.850" }, approver)).toMatchObject({ unchanged: 1 });
    // new values outside the scope
    expect(
      codeOf(await setBudget({ ...input, key: "430602-A", poolingArea: "430600" }, approver).catch((e) => e)),
    ).toBe("FORBIDDEN");
    expect(codeOf(await setBudget({ ...input, poolingArea: "430600" }, approver).catch((e) => e))).toBe(
      "FORBIDDEN",
    );
    // a stored row outside the scope under a key whose new values are inside: FORBIDDEN, unchanged
    await db.insert(budget).values({
      key: "150702-LEGACY",
      year: 2024,
      regionCode: "430602",
      poolingArea: "430600",
      amountFen: 1n,
      share: "0",
      updatedBy: "x",
      updatedAt: new Date(),
    });
    const before = await audits();
    expect(codeOf(await setBudget({ ...input, key: "150702-LEGACY" }, approver).catch((e) => e))).toBe(
      "FORBIDDEN",
    );
    // a stored row inside the scope under other regions: it does not move (BAD_USER_INPUT on the key)
    const province = principal("150000", ["approver"]);
    const moved = await setBudget({ ...input, poolingArea: "150800" }, province).catch((e) => e);
    expect(codeOf(moved)).toBe("BAD_USER_INPUT");
    expect((moved as GraphQLError).extensions?.problems).toEqual([
      { field: "key", message: expect.stringMatching(/does not move/) },
    ]);
    expect(await audits()).toHaveLength(before.length);
    const [stored] = await db.select().from(budget).where(sql`key = '150702-LEGACY'`);
    expect(stored).toMatchObject({ regionCode: "430602", amountFen: 1n });
  });

  it("a decimal field: exact, at most `scale` places, within its bounds, stored with exactly `scale` places", () => {
    const check = (share: string) =>
      budgetFact.check({ key: "150702-A", poolingArea: "150700", year: 2024, amountYuan: "1", share });
    expect(check("1").values.share).toBe("1.0000");
    expect(check("0.1234").values.share).toBe("0.1234");
    for (const bad of ["1.0001", "0.12345", "-0.1", "abc", "1e-3"])
      expect(check(bad).problems, bad).toEqual([
        { field: "share", message: `share "${bad}" must be a decimal ≥ 0 and ≤ 1 with at most 4 places` },
      ]);
  });
});
