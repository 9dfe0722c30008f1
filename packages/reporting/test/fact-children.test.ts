// defineFact's child collection on a real (embedded) PostgreSQL: a parent fact with a declared list
// of children (one CSV row per child) is validated with them, written with them in one transaction,
// idempotent over the children in any order, audited with them, and a stored parent leaving an
// approved county-quarter is refused on both paths.
import type { Database, DbHandle } from "@hsa/db";
import type { Principal, SubgraphContext } from "@hsa/subgraph-kit";
import { bigint, bigserial, pgSchema, text, varchar } from "drizzle-orm/pg-core";
import type { GraphQLError } from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditHistory, childrenOf, defineFact, field, runImport, type Workflow, withChildren } from "../src";
import { reportingTables } from "../src/tables";
import { openFactSchema } from "./harness";

const s = pgSchema("childtest");
const visit = s.table("visit", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  ref: text("ref").notNull(),
  regionCode: varchar("region_code", { length: 6 }).notNull(),
  quarter: varchar("quarter", { length: 6 }).notNull(),
  findings: text("findings").notNull(),
  recordedBy: text("recorded_by").notNull(),
});
const item = s.table("item", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  visitId: bigint("visit_id", { mode: "number" }).notNull(),
  kind: text("kind").notNull(),
  amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
});
const { reportState } = reportingTables(s);

const fact = defineFact({
  kind: "childtest",
  noun: "visit",
  title: { zh: "走访", en: "Visits" },
  table: visit,
  fields: {
    ref: field.text({ zh: "编号", csvKey: "reference", help: "the visit's key", maxLength: 40 }),
    regionCode: field.region({ zh: "行政区划代码", help: "county" }),
    quarter: field.quarter({ zh: "季度", help: "YYYYQn" }),
    findings: field.text({ zh: "发现", help: "what was found", maxLength: 200 }),
  },
  // keyed without the quarter: a correction may move a visit to another quarter
  key: ["regionCode", "ref"],
  region: "regionCode",
  quarter: "quarter",
  children: {
    name: "items",
    noun: "item",
    table: item,
    parentRef: "visitId",
    parentId: "id",
    order: "id",
    max: 3,
    inputType: "ItemInput",
    inputDoc: "一项。One item.",
    doc: "各项。The items.",
    fields: {
      kind: field.oneOf({
        zh: "类别",
        csvKey: "itemKind",
        graphqlType: "ItemKind",
        labels: { 退回: "REFUND", 罚款: "FINE", REFUND: "REFUND", FINE: "FINE" },
        help: "kind",
      }),
      amountYuan: field.yuan({ zh: "金额（元）", help: "yuan > 0" }),
    },
    rules: [
      {
        uses: ["amountYuan"],
        field: "amountYuan",
        holds: (c) => typeof c.amountFen === "bigint" && c.amountFen > 0n,
        message: () => ({ zh: "金额须大于 0", en: "amountYuan must be positive" }),
      },
    ],
  },
  stamp: (actor) => ({ recordedBy: actor.sub }),
  // audit_event rows keyed by the visit's id, generated on insert
  audit: {
    values: ["ref", "quarter", "findings"],
    key: (row) => ({ id: Number(row.id) }),
    entityKey: (f) => `visit:${f.id}`,
  },
  mutation: {
    name: "recordVisit",
    inputType: "VisitInput",
    inputDoc: "一次走访。A visit.",
    doc: "记录。Records.",
    argDoc: "走访。The visit.",
    payloadType: "VisitPayload",
    payload: (row, changed) => ({ row, changed }),
  },
  import: { action: "importVisits" },
});

let handle: DbHandle;
let db: Database;
let workflow: Workflow;

const principal = (scope: string): Principal => ({
  sub: `r-${scope}`,
  name: "r",
  scope,
  roles: ["reporter"],
});
const ctx = { principal: principal("150724") } as unknown as SubgraphContext;
type Audit = {
  action: string;
  entityKey: string;
  oldValue: Record<string, unknown> | null;
  newValue: Record<string, unknown>;
};
/** The fact's audit entries as auditHistory answers them, oldest first, their values parsed. */
const audits = async (): Promise<Audit[]> =>
  (await auditHistory(db, { facts: [fact], within: "150000" })).reverse().map((e) => ({
    action: e.action,
    entityKey: e.entityKey,
    oldValue: e.oldValue === null ? null : JSON.parse(e.oldValue),
    newValue: JSON.parse(e.newValue),
  }));
const counts = async () => ({ visits: await db.$count(visit), items: await db.$count(item) });
const input = (over: Record<string, unknown> = {}) => ({
  ref: "V-1",
  regionCode: "150724",
  quarter: "2024Q1",
  findings: "ok",
  items: [
    { kind: "REFUND", amountYuan: "10.50" },
    { kind: "FINE", amountYuan: "3" },
  ],
  ...over,
});
/** The API path: validated values (with the children), written by the fact's writer. */
async function record(over: Record<string, unknown> = {}, keepStored = false) {
  const { problems, values } = fact.check(input(over));
  expect(problems).toEqual([]);
  const r = await fact.writeMutation(db, workflow, ctx, [values], "recordVisit", { keepStored });
  return r.rows[0] as {
    row: Record<string, unknown> & { id: number; items: { amountFen: bigint }[] };
    changed: boolean;
  };
}
const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join("\n")}\n`);
const HEAD = "编号,行政区划代码,季度,发现,类别,金额（元）";
const importCsv = (lines: string[]) =>
  runImport(fact.importKind(db, workflow), csv([HEAD, ...lines]), {
    db,
    workflow,
    principal: principal("150724"),
    authorization: "",
    fileName: "v.csv",
  });

beforeAll(async () => {
  ({ handle, db, workflow } = await openFactSchema(
    "childtest",
    [
      `create table childtest.visit (id bigserial primary key, ref text not null, region_code varchar(6) not null,
       quarter varchar(6) not null, findings text not null, recorded_by text not null, unique (region_code, ref))`,
      `create table childtest.item (id bigserial primary key, visit_id bigint not null references childtest.visit(id),
       kind text not null, amount_fen bigint not null check (amount_fen >= 0))`,
    ],
    { table: visit, regionCode: visit.regionCode, quarter: visit.quarter },
  ));
}, 120_000);
afterAll(async () => handle?.close());

describe("defineFact: a declared child collection", () => {
  it("validates the children with the parent (by index), gives their CSV columns and input type", () => {
    const { problems, values } = fact.check(
      input({
        findings: 5,
        items: [
          { kind: "REFUND", amountYuan: "1" },
          { kind: "BRIBE", amountYuan: "1" },
          { kind: "FINE", amountYuan: "0" },
          { kind: "FINE", amountYuan: "1" },
        ],
      }),
    );
    expect(problems.map((p) => p.field)).toEqual([
      "findings",
      "items",
      "items[1].kind",
      "items[2].amountYuan",
    ]);
    expect(problems.find((p) => p.field === "items")?.message).toBe("at most 3 items per visit");
    expect(problems.find((p) => p.field === "items[2].amountYuan")?.message).toBe(
      "items[2]: amountYuan must be positive",
    );
    expect(childrenOf(values).map((c) => c.amountFen)).toEqual([100n, 100n, 0n, 100n]);
    expect(fact.columns.map((c) => [c.key, c.zh, c.optional ?? false])).toEqual([
      ["reference", "编号", false],
      ["regionCode", "行政区划代码", false],
      ["quarter", "季度", false],
      ["findings", "发现", false],
      ["itemKind", "类别", true],
      ["amountYuan", "金额（元）", true],
    ]);
    expect(fact.sdl).toContain('"各项。The items."\n  items: [ItemInput!]! = []');
    expect(fact.sdl).toContain("input ItemInput {");
  });

  it("writes a parent with its children, idempotent over their order, replaced and audited old → new", async () => {
    const first = await record();
    expect(first.changed).toBe(true);
    expect(first.row.items.map((i) => i.amountFen)).toEqual([1050n, 300n]);
    expect(await counts()).toEqual({ visits: 1, items: 2 });
    // the same children in another order: nothing written
    const again = await record({ items: [...input().items].reverse() });
    expect(again.changed).toBe(false);
    expect(again.row.id).toBe(first.row.id);
    expect(await audits()).toHaveLength(1);
    // a changed child: the parent updated in place, its children replaced
    const fixed = await record({ items: [{ kind: "REFUND", amountYuan: "10.50" }] });
    expect(fixed).toMatchObject({ changed: true, row: { id: first.row.id } });
    expect(await counts()).toEqual({ visits: 1, items: 1 });
    const a = await audits();
    expect(a).toHaveLength(2);
    expect(a[0]).toMatchObject({ action: "recordVisit", entityKey: `visit:${first.row.id}`, oldValue: null });
    expect(a[1]?.oldValue?.items).toEqual([
      { kind: "REFUND", amountFen: "1050" },
      { kind: "FINE", amountFen: "300" },
    ]);
    expect(a[1]?.newValue).toEqual({
      ref: "V-1",
      quarter: "2024Q1",
      findings: "ok",
      items: [{ kind: "REFUND", amountFen: "1050" }],
    });
    // insert once: a stored parent is returned as it is
    const kept = await record({ findings: "changed", items: [] }, true);
    expect(kept.changed).toBe(false);
    expect(kept.row).toMatchObject({ findings: "ok", items: [{ amountFen: 1050n }] });
    expect(await audits()).toHaveLength(2);
  });

  it("rolls the parent back when the database refuses a child", async () => {
    const before = await counts();
    const bad = withChildren({ ...fact.check(input({ ref: "V-NEG" })).values }, [
      { kind: "REFUND", amountFen: 5n },
      { kind: "FINE", amountFen: -1n },
    ]);
    await expect(fact.writeMutation(db, workflow, ctx, [bad], "recordVisit")).rejects.toThrow();
    expect(await counts()).toEqual(before);
  });

  it("refuses moving a stored parent out of an approved county-quarter (mutation and import)", async () => {
    await db.insert(reportState).values({ regionCode: "150724", quarter: "2024Q1", status: "APPROVED" });
    const err = await record({ quarter: "2024Q2" }).catch((e: GraphQLError) => e);
    expect((err as GraphQLError).extensions?.reason).toBe("REPORT_APPROVED");
    const r = await importCsv(["V-1,150724,2024Q2,ok,退回,10.50"]);
    expect(r.ok).toBe(false);
    expect(r.errors).toEqual([expect.objectContaining({ line: 2, column: "季度" })]);
    expect(r.errors[0]?.reason).toMatch(/已审核/);
    await db.delete(reportState);
  });

  it("imports one row per child: rows of one key are one parent, checked for agreement and duplicates", async () => {
    const bad = await importCsv([
      "V-2,150724,2024Q3,a,退回,1.00",
      "V-2,150724,2024Q3,b,罚款,2.00", // 3: findings differ from line 2
      "V-3,150724,2024Q3,c,罚款,0", // 4: not positive
      "V-3,150724,2024Q3,c,,5", // 5: an amount without a kind
      "V-2,150724,2024Q3,a,退回,1.00", // 6: the same child again
    ]);
    expect(bad.ok).toBe(false);
    expect(bad.errors.map((e) => [e.line, e.column])).toEqual([
      [3, "发现"],
      [4, "金额（元）"],
      [5, "类别"],
      [6, "编号"],
    ]);
    expect(bad.errors[0]?.reason).toMatch(/line 2/);
    const before = await counts();
    const rows = ["V-2,150724,2024Q3,a,退回,1.00", "V-2,150724,2024Q3,a,罚款,2.00", "V-4,150724,2024Q3,d,,"];
    const ok = await importCsv(rows);
    expect(ok).toMatchObject({ ok: true, inserted: 2, updated: 0, unchanged: 0 });
    expect(await counts()).toEqual({ visits: (before?.visits ?? 0) + 2, items: (before?.items ?? 0) + 2 });
    const same = await importCsv([rows[2] as string, rows[1] as string, rows[0] as string]);
    expect(same).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 2, importId: null });
    const fix = await importCsv(["V-2,150724,2024Q3,a,退回,1.50", "V-4,150724,2024Q3,d,,"]);
    expect(fix).toMatchObject({ ok: true, inserted: 0, updated: 1, unchanged: 1 });
    const last = (await audits()).at(-1);
    expect(last).toMatchObject({ action: "importVisits" });
    expect(last?.newValue.items).toEqual([{ kind: "REFUND", amountFen: "150" }]);
    expect(await counts()).toEqual({ visits: (before?.visits ?? 0) + 2, items: (before?.items ?? 0) + 1 });
  });
});
