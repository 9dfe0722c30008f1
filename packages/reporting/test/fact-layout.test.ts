// A fact's layout (what Query.<domain>ReportLayouts answers) comes from its declaration alone, and
// an `atMost` rule is both checked by the server and described for clients.
import { bigint, pgSchema, primaryKey, varchar } from "drizzle-orm/pg-core";
import { describe, expect, it } from "vitest";
import { defineFact, field } from "../src";

const s = pgSchema("layouttest");
const purchase = s.table(
  "purchase",
  {
    institutionId: varchar("institution_id", { length: 40 }).notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    category: varchar("category", { length: 30 }).notNull(),
    totalFen: bigint("total_fen", { mode: "bigint" }).notNull(),
    networkFen: bigint("network_fen", { mode: "bigint" }).notNull(),
    reportedFen: bigint("reported_fen", { mode: "bigint" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.institutionId, t.quarter, t.category] })],
);

const fact = defineFact({
  kind: "layouttest",
  noun: "purchase report",
  title: { zh: "采购", en: "Purchases" },
  table: purchase,
  fields: {
    institutionId: field.text({
      zh: "机构编码",
      en: "Institution",
      help: "institution id",
      helpZh: "机构编码",
      maxLength: 40,
      refersTo: "Institution",
    }),
    institutionName: field.text({
      zh: "机构名称",
      help: "not checked",
      maxLength: 100,
      optional: true,
      csvOnly: true,
    }),
    quarter: field.quarter({ zh: "季度", help: "YYYYQn" }),
    category: field.oneOf({
      zh: "采购类别",
      help: "category",
      graphqlType: "Category",
      labels: { 药品: "DRUG", DRUG: "DRUG", 耗材: "CONSUMABLE", CONSUMABLE: "CONSUMABLE" },
      names: { DRUG: { zh: "药品", en: "Drugs" } },
    }),
    totalYuan: field.yuan({ zh: "采购总金额（元）", en: "Total", help: "all purchases" }),
    networkYuan: field.yuan({ zh: "网采金额（元）", en: "Network", help: "on the platform" }),
    reportedYuan: field.yuan({
      zh: "报备金额（元）",
      en: "Reported",
      help: "reported",
      optional: true,
      fallback: 0n,
    }),
  },
  key: ["institutionId", "quarter", "category"],
  region: "regionCode",
  quarter: "quarter",
  regionFrom: {
    field: "institutionId",
    of: (f) => String(f.institutionId).slice(0, 6),
    problem: () => "bad id",
  },
  rules: [
    {
      field: "networkYuan",
      sum: ["networkYuan", "reportedYuan"],
      atMost: ["totalYuan"],
      message: () => ({ zh: "网采 + 报备 > 总额", en: "network + reported exceed the total" }),
    },
  ],
  stamp: () => ({}),
  writtenBy: { mutation: "reportLayoutTest", groupBy: { field: "category", list: "items" } },
  import: { action: "importLayoutTest" },
});

const input = {
  institutionId: "150724-H-001",
  quarter: "2024Q1",
  category: "DRUG",
  totalYuan: "100.00",
  networkYuan: "60.00",
  reportedYuan: "40.00",
};

describe("a fact's layout", () => {
  it("lists the CSV columns with labels, units, bounds, choices and what the API takes", () => {
    const l = fact.layout;
    expect(l).toMatchObject({
      fact: "layouttest",
      mutation: "reportLayoutTest",
      inputType: null,
      groupBy: "category",
      groupList: "items",
      importKind: "layouttest",
      key: ["institutionId", "quarter", "category"],
    });
    expect(l.fields.map((f) => [f.headerEn, f.headerZh])).toEqual(fact.columns.map((c) => [c.key, c.zh]));
    const by = new Map(l.fields.map((f) => [f.name, f]));
    expect(by.get("institutionId")).toMatchObject({
      refersTo: "Institution",
      graphqlType: "String!",
      maxLength: 40,
    });
    expect(by.get("institutionName")).toMatchObject({ inInput: false, graphqlType: null, required: false });
    expect(by.get("totalYuan")).toMatchObject({ labelZh: "采购总金额", unitZh: "元", min: "0", decimals: 2 });
    expect(by.get("reportedYuan")).toMatchObject({
      required: false,
      defaultValue: "0.00",
      graphqlType: "String",
    });
    expect(by.get("category")?.choices).toEqual([
      { value: "DRUG", labelZh: "药品", labelEn: "Drugs", aliases: ["药品", "DRUG"] },
      { value: "CONSUMABLE", labelZh: "耗材", labelEn: "CONSUMABLE", aliases: ["耗材", "CONSUMABLE"] },
    ]);
    expect(l.rules).toEqual([
      {
        field: "networkYuan",
        uses: ["networkYuan", "reportedYuan", "totalYuan"],
        textZh: "网采金额与报备金额之和不能大于采购总金额",
        textEn: "Network + Reported must not exceed total",
        sum: ["networkYuan", "reportedYuan"],
        atMost: ["totalYuan"],
        check: "AT_MOST",
        whenField: null,
        whenValues: [],
      },
    ]);
    expect(l.children).toBeNull();
  });

  it("checks the atMost rule on the stored values (fen), as the layout describes it", () => {
    expect(fact.validate(input)).toEqual([]);
    expect(fact.validate({ ...input, reportedYuan: "40.01" })).toEqual([
      { field: "networkYuan", message: "network + reported exceed the total" },
    ]);
    // an empty optional value counts as its fallback (0)
    expect(fact.validate({ ...input, networkYuan: "100.00", reportedYuan: null })).toEqual([]);
  });

  it("describes a child collection, a date giving the quarter, a client-made key and rules a client can check", () => {
    const visits = pgSchema("layout_test").table("visit", {
      regionCode: varchar("region_code", { length: 6 }).notNull(),
      requestId: varchar("request_id", { length: 100 }).notNull(),
      quarter: varchar("quarter", { length: 6 }).notNull(),
      visitedOn: varchar("visited_on", { length: 10 }).notNull(),
    });
    const outcomes = pgSchema("layout_test").table("outcome", {
      visitId: varchar("visit_id", { length: 40 }).notNull(),
      kind: varchar("kind", { length: 20 }).notNull(),
      amountFen: bigint("amount_fen", { mode: "bigint" }),
    });
    const visit = defineFact({
      kind: "visits",
      noun: "visit",
      title: { zh: "走访", en: "Visits" },
      table: visits,
      fields: {
        requestId: field.text({ zh: "编号", maxLength: 100, clientKey: true, help: "idempotency key" }),
        regionCode: field.region({ zh: "行政区划代码", help: "county" }),
        visitedOn: {
          ...field.text({ zh: "走访日期", maxLength: 10, help: "YYYY-MM-DD" }),
          cell: { kind: "date" },
        },
      },
      key: ["regionCode", "requestId"],
      region: "regionCode",
      quarter: "quarter",
      quarterFrom: { field: "visitedOn", of: (f) => String(f.visitedOn).slice(0, 4) },
      rules: [
        { field: "visitedOn", notAfterToday: "visitedOn", message: () => ({ zh: "未来", en: "future" }) },
      ],
      children: {
        name: "outcomes",
        noun: "outcome",
        title: { zh: "处理", en: "outcomes" },
        table: outcomes,
        parentRef: "visitId",
        parentId: "id",
        order: "kind",
        max: 5,
        inputType: "OutcomeInput",
        inputDoc: "一项处理。An outcome.",
        doc: "处理。Outcomes.",
        fields: {
          kind: field.oneOf({
            zh: "处理方式",
            graphqlType: "OutcomeKind",
            labels: { 约谈: "TALK", 追回: "RECOVER" },
            help: "kind",
          }),
          amountYuan: field.yuan({ zh: "金额（元）", optional: true, fallback: null, help: "yuan" }),
        },
        rules: [
          {
            field: "amountYuan",
            emptyWhen: { field: "kind", values: ["TALK"] },
            message: () => ({ zh: "金额", en: "amount" }),
          },
        ],
      },
      stamp: () => ({}),
      import: { action: "importVisits" },
    });
    const l = visit.layout;
    expect(l.quarterFrom).toBe("visitedOn");
    expect(l.fields.map((f) => [f.name, f.kind, f.clientKey])).toEqual([
      ["requestId", "TEXT", true],
      ["regionCode", "REGION", false],
      ["visitedOn", "DATE", false],
    ]);
    expect(l.rules[0]).toMatchObject({
      check: "NOT_AFTER_TODAY",
      uses: ["visitedOn"],
      textZh: "走访日期不能晚于今天",
    });
    expect(l.children).toMatchObject({
      name: "outcomes",
      labelZh: "处理",
      max: 5,
      inputType: "OutcomeInput",
    });
    expect(l.children?.fields.map((f) => f.name)).toEqual(["kind", "amountYuan"]);
    expect(l.children?.rules).toEqual([
      {
        field: "amountYuan",
        uses: ["kind", "amountYuan"],
        textZh: "处理方式为约谈时不填金额，否则须大于 0",
        textEn: "amountYuan: none for TALK, otherwise above 0",
        sum: [],
        atMost: [],
        check: "EMPTY_WHEN",
        whenField: "kind",
        whenValues: ["TALK"],
      },
    ]);
    // the server checks the same rules: an amount for a talk, none for a recovery, a future date
    const kids = (list: unknown[]) =>
      visit.check(
        { requestId: "r", regionCode: "150724", visitedOn: "2025-01-02", outcomes: list },
        new Date("2025-06-01T00:00:00Z"),
      );
    expect(
      kids([
        { kind: "TALK", amountYuan: null },
        { kind: "RECOVER", amountYuan: "1.00" },
      ]).problems,
    ).toEqual([]);
    expect(
      kids([
        { kind: "TALK", amountYuan: "1.00" },
        { kind: "RECOVER", amountYuan: null },
      ]).problems.map((p) => p.field),
    ).toEqual(["outcomes[0].amountYuan", "outcomes[1].amountYuan"]);
    expect(
      visit
        .check(
          { requestId: "r", regionCode: "150724", visitedOn: "2025-07-01", outcomes: [] },
          new Date("2025-06-01T00:00:00Z"),
        )
        .problems.map((p) => p.field),
    ).toEqual(["visitedOn"]);
  });
});
