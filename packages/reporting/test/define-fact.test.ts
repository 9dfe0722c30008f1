// defineFact on a real (embedded) PostgreSQL: one declaration gives the API's validation, the CSV
// layout and import, the mutation with its approval lock, scope checks on both sides of a write,
// idempotency and audit.
import type { Database, DbHandle } from "@hsa/db";
import type { Principal, SubgraphContext } from "@hsa/subgraph-kit";
import { bigint, integer, pgSchema, primaryKey, text, timestamp, varchar } from "drizzle-orm/pg-core";
import type { GraphQLError } from "graphql";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditHistory, defineFact, FACT_MUTATION_NOTE, field, runImport, type Workflow } from "../src";
import { auditTable, reportingTables } from "../src/tables";
import { openFactSchema } from "./harness";

const s = pgSchema("facttest");
const purchase = s.table(
  "purchase",
  {
    institutionId: varchar("institution_id", { length: 40 }).notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    totalFen: bigint("total_fen", { mode: "bigint" }).notNull(),
    networkFen: bigint("network_fen", { mode: "bigint" }).notNull(),
    buyers: integer("buyers").notNull(),
    reportedBy: text("reported_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.quarter] })],
);
const auditEvent = auditTable(s);
const { reportState } = reportingTables(s);

const fact = defineFact({
  kind: "facttest",
  noun: "purchase report",
  title: { zh: "采购", en: "Purchases" },
  table: purchase,
  fields: {
    institutionId: field.text({ zh: "机构编码", help: "institution id", maxLength: 40 }),
    regionCode: field.region({ zh: "行政区划代码", help: "county", aliases: ["county"] }),
    regionName: field.text({
      zh: "地区",
      help: "not checked",
      maxLength: 100,
      optional: true,
      csvOnly: true,
    }),
    quarter: field.quarter({ zh: "季度", help: "YYYYQn" }),
    totalYuan: field.yuan({ zh: "采购总金额（元）", help: "all purchases" }),
    networkYuan: field.yuan({ zh: "网采金额（元）", help: "on the platform", optional: true, fallback: 0n }),
    buyers: field.count({ zh: "采购人数", help: "persons", unit: "persons" }),
  },
  key: ["institutionId", "quarter"],
  region: "regionCode",
  quarter: "quarter",
  rules: [
    {
      uses: ["totalYuan", "networkYuan"],
      field: "networkYuan",
      holds: (f) => (f.networkFen as bigint) <= (f.totalFen as bigint),
      message: (f) => ({ zh: `网采金额 (${f.networkFen}) 不能大于总金额`, en: "network exceeds the total" }),
    },
  ],
  // a lock rule besides approval: the settlement of 2023 is closed (in a real subgraph: a table says so)
  locks: [
    {
      field: "quarter",
      locked: async (_db, values) =>
        values.flatMap((v, index) =>
          String(v.quarter).startsWith("2023") ? [{ index, reason: "the 2023 settlement is closed" }] : [],
        ),
    },
  ],
  stamp: (actor, now) => ({ reportedBy: actor.sub, updatedAt: now }),
  // no audit table named: audit_event of the fact's schema
  audit: { values: ["regionCode", "totalFen", "networkFen", "buyers"] },
  mutation: {
    name: "reportTestPurchase",
    inputType: "TestPurchaseInput",
    inputDoc: "一条采购。One purchase.",
    doc: "上报。Reports.",
    argDoc: "数据。The values.",
    payloadType: "TestPayload",
    payload: (row, changed) => ({ row, changed }),
  },
  import: { action: "importTestPurchases" },
});

let handle: DbHandle;
let db: Database;
let workflow: Workflow;

const principal = (scope: string, sub = `r-${scope}`): Principal => ({
  sub,
  name: sub,
  scope,
  roles: ["reporter"],
});
const ctxOf = (p: Principal) =>
  ({ principal: p, log: pino({ level: "silent" }) }) as unknown as SubgraphContext;
type Resolver = (p: unknown, a: { input: Record<string, unknown> }, c: SubgraphContext) => Promise<unknown>;
const report = (input: Record<string, unknown>, p: Principal) =>
  ((fact.resolvers(db, workflow).Mutation as Record<string, Resolver>).reportTestPurchase as Resolver)(
    null,
    { input },
    ctxOf(p),
  ) as Promise<{ row: Record<string, unknown>; changed: boolean }>;
const codeOf = (e: unknown) => (e as GraphQLError).extensions?.code;
const input = (over: Record<string, unknown> = {}) => ({
  institutionId: "150724-H-001",
  regionCode: "150724",
  quarter: "2024Q1",
  totalYuan: "100.50",
  networkYuan: "80",
  buyers: 3,
  ...over,
});
const audits = async () =>
  (await db.select().from(auditEvent).orderBy(auditEvent.id)) as {
    action: string;
    actorRoles: string[] | null;
    actorScope: string | null;
    kind: string;
    key: Record<string, unknown>;
    regionCode: string | null;
    quarter: string | null;
    oldValue: unknown;
    newValue: Record<string, unknown>;
    source: string;
    importId: string | null;
  }[];
const csv = (lines: string[]) => new TextEncoder().encode(`${lines.join("\n")}\n`);
const HEAD = "机构编码,行政区划代码,地区,季度,采购总金额（元）,网采金额（元）,采购人数";

beforeAll(async () => {
  ({ handle, db, workflow } = await openFactSchema(
    "facttest",
    [
      `create table facttest.purchase (institution_id varchar(40) not null, region_code varchar(6) not null,
       quarter varchar(6) not null, total_fen bigint not null, network_fen bigint not null, buyers integer not null,
       reported_by text not null, updated_at timestamptz not null, primary key (institution_id, quarter))`,
    ],
    {
      table: purchase,
      regionCode: purchase.regionCode,
      quarter: purchase.quarter,
    },
  ));
}, 120_000);
afterAll(async () => handle?.close());

describe("defineFact: one declaration", () => {
  it("refuses a declaration whose key lacks the quarter (a row could leave an approved quarter unchecked)", () => {
    expect(() => defineFact({ ...fact.decl, key: ["institutionId"] })).toThrow(
      /key must include the quarter column "quarter"/,
    );
  });

  it("gives the CSV layout, the API input SDL and every problem of an input at once", () => {
    expect(fact.columns.map((c) => [c.key, c.zh, c.type.kind, c.optional ?? false])).toEqual([
      ["institutionId", "机构编码", "text", false],
      ["regionCode", "行政区划代码", "region", false],
      ["regionName", "地区", "text", true],
      ["quarter", "季度", "quarter", false],
      ["totalYuan", "采购总金额（元）", "yuan", false],
      ["networkYuan", "网采金额（元）", "yuan", true],
      ["buyers", "采购人数", "int", false],
    ]);
    expect(fact.sdl).toMatch(/input TestPurchaseInput \{[^}]*totalYuan: String![^}]*networkYuan: String\n/);
    expect(fact.sdl).toContain("reportTestPurchase(");
    // the description's last line marks it generated (the allow-list lists its forms' generic document)
    expect(fact.sdl).toContain(`${FACT_MUTATION_NOTE}\n  """\n  reportTestPurchase(`);
    expect(fact.sdl).not.toContain("regionName");
    const now = new Date("2024-05-01T00:00:00Z");
    expect(fact.validate(input(), now)).toEqual([]);
    const problems = fact.validate(
      input({ regionCode: "150700", quarter: "2024Q3", buyers: -1, totalYuan: "1.234" }),
      now,
    );
    expect(problems.map((p) => p.field).sort()).toEqual(["buyers", "quarter", "regionCode", "totalYuan"]);
    expect(problems.find((p) => p.field === "buyers")?.message).toBe(
      "buyers must be a non-negative whole number (got -1)",
    );
    // a cross-field rule is checked once the fields it reads are valid
    expect(fact.validate(input({ networkYuan: "200" }), now)).toEqual([
      { field: "networkYuan", message: "network exceeds the total" },
    ]);
  });

  it("the mutation writes, is idempotent and audits old → new", async () => {
    const me = principal("150724");
    const first = await report(input(), me);
    expect(first.changed).toBe(true);
    expect(first.row).toMatchObject({ totalFen: 10050n, networkFen: 8000n, reportedBy: "r-150724" });
    expect((await report(input(), me)).changed).toBe(false);
    expect((await report(input({ buyers: 4 }), me)).changed).toBe(true);
    const a = await audits();
    expect(a).toHaveLength(2);
    expect(a[1]).toMatchObject({
      action: "reportTestPurchase",
      source: "mutation reportTestPurchase",
      importId: null,
      kind: "facttest",
      key: { institutionId: "150724-H-001", quarter: "2024Q1" },
      regionCode: "150724",
      quarter: "2024Q1",
      actorRoles: ["reporter"],
      actorScope: "150724",
      oldValue: { buyers: 3, totalFen: "10050" },
      newValue: { buyers: 4 },
    });
    // the shared reader: newest first, with the fact's entity key
    const history = await auditHistory(db, { facts: [fact], regionCode: "150724", quarter: "2024Q1" });
    expect(history.map((e) => [e.entityKey, e.action, e.oldValue === null])).toEqual([
      ["facttest:150724-H-001:2024Q1", "reportTestPurchase", false],
      ["facttest:150724-H-001:2024Q1", "reportTestPurchase", true],
    ]);
    expect(JSON.parse(history[0]?.newValue ?? "{}")).toMatchObject({ buyers: 4 });
    // the same entries read by kind (how changes that are not facts are read; their entity key is
    // the kind and the key's values in jsonb's order)
    const byKind = await auditHistory(db, { table: auditEvent, kinds: ["facttest"], within: "150700" });
    expect(byKind.map(({ entityKey: _, ...e }) => e)).toEqual(history.map(({ entityKey: _, ...e }) => e));
    expect(
      await auditHistory(db, { facts: [fact], regionCode: "150724", key: { institutionId: "other" } }),
    ).toEqual([]);
  });

  it("refuses values outside the scope, a stored row outside it, and an approved report", async () => {
    const city = principal("150700");
    // new values of another city: FORBIDDEN before anything is read
    await expect(report(input({ institutionId: "X-1", regionCode: "430671" }), city)).rejects.toSatisfy(
      (e) => codeOf(e) === "FORBIDDEN",
    );
    // a stored row of 430671 cannot be taken over (moved) by a 150700 user
    await report(input({ institutionId: "430671-H-9", regionCode: "430671" }), principal("430671"));
    const before = await audits();
    await expect(report(input({ institutionId: "430671-H-9" }), city)).rejects.toThrow(
      /outside your scope \(150700\)/,
    );
    expect(await audits()).toHaveLength(before.length);
    // an approved county-quarter is locked
    await db.insert(reportState).values({ regionCode: "150724", quarter: "2024Q2", status: "APPROVED" });
    await expect(report(input({ quarter: "2024Q2" }), city)).rejects.toSatisfy(
      (e) => (e as GraphQLError).extensions?.reason === "REPORT_APPROVED",
    );
  });

  it("a lock rule refuses the mutation (BAD_USER_INPUT on its field) and the import's rows", async () => {
    const err = await report(input({ quarter: "2023Q4" }), principal("150724")).catch((e: GraphQLError) => e);
    expect(codeOf(err)).toBe("BAD_USER_INPUT");
    expect((err as GraphQLError).extensions?.problems).toEqual([
      { field: "quarter", message: "the 2023 settlement is closed" },
    ]);
    const r = await runImport(fact.importKind(db, workflow), csv([HEAD, "150724-H-7,150724,,2023Q2,1,0,1"]), {
      db,
      workflow,
      principal: principal("150724"),
      authorization: "",
      fileName: "old.csv",
    });
    expect(r.ok).toBe(false);
    expect(r.errors[0]).toMatchObject({ line: 2, column: "季度", reason: "the 2023 settlement is closed" });
  });

  it("the CSV import: row problems, stored rows outside the scope, then inserted/updated/unchanged counts", async () => {
    const kind = fact.importKind(db, workflow);
    const opts = (scope: string) => ({
      db,
      workflow,
      principal: principal(scope),
      authorization: "",
      fileName: "p.csv",
    });
    const bad = await runImport(
      kind,
      csv([HEAD, "150724-H-2,150724,,2024Q1,10,20,1", "430671-H-9,150724,,2024Q1,10,0,1"]),
      opts("150724"),
    );
    expect(bad.ok).toBe(false);
    expect(bad.errors.map((e) => [e.line, e.column])).toEqual([
      [2, "网采金额（元）"],
      [3, "行政区划代码"],
    ]);
    expect(bad.errors[1]?.reason).toMatch(/outside your scope/);
    const rows = ["150724-H-001,150724,,2024Q1,100.50,80,5", "150724-H-3,150724,,2024Q1,1,,1"];
    const ok = await runImport(kind, csv([HEAD, ...rows]), opts("150724"));
    expect(ok).toMatchObject({ ok: true, inserted: 1, updated: 1, unchanged: 0 });
    const again = await runImport(kind, csv([HEAD, ...rows]), opts("150724"));
    expect(again).toMatchObject({ ok: true, inserted: 0, updated: 0, unchanged: 2, importId: null });
    const last = (await audits()).at(-1);
    expect(last?.action).toBe("importTestPurchases");
    expect(last?.source).toMatch(/^import .+ \(p\.csv\)$/);
    expect(last?.source).toBe(`import ${ok.importId} (p.csv)`);
    expect(last?.importId).toBe(ok.importId);
    expect(last?.newValue).toMatchObject({ networkFen: "0" });
  });
});
