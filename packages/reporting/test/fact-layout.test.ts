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
  audit: { table: purchase, row: () => ({}) },
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
      },
    ]);
  });

  it("checks the atMost rule on the stored values (fen), as the layout describes it", () => {
    expect(fact.validate(input)).toEqual([]);
    expect(fact.validate({ ...input, reportedYuan: "40.01" })).toEqual([
      { field: "networkYuan", message: "network + reported exceed the total" },
    ]);
    // an empty optional value counts as its fallback (0)
    expect(fact.validate({ ...input, networkYuan: "100.00", reportedYuan: null })).toEqual([]);
  });
});
