import { quarterRange } from "@hsa/periods";
import { describe, expect, it } from "vitest";
import {
  buildSeries,
  defineMetric,
  defineMetricCatalogue,
  defineSummarySource,
  evaluateMetrics,
  firstQuarterToRead,
  type MetricDeclaration,
  readSums,
  type Sums,
} from "../src/index";

const source = defineSummarySource({
  domain: "enrollment",
  rows: "test.report",
  sums: {
    insuredEmployee: { aggregation: "STOCK", additive: true, unit: "persons", en: "employee scheme" },
    insuredResident: { aggregation: "STOCK", additive: true, unit: "persons", en: "resident scheme" },
    population: { aggregation: "STOCK", additive: true, unit: "persons", en: "population" },
    settlements: { aggregation: "FLOW", additive: true, unit: "cases", en: "settlements" },
    subsidised: { aggregation: "FLOW", additive: true, unit: "persons", en: "newly subsidised" },
    inspected: { aggregation: "FLOW", additive: false, unit: "institutions", en: "distinct inspected" },
  },
});
type Name = keyof typeof source.sums;

const base = {
  domain: "enrollment",
  nameZh: "x",
  nameEn: "x",
  numeratorZh: "x",
  numeratorEn: "x",
  target: null,
  higherIsBetter: true,
  direction: "UP",
  targetRule: "NONE",
} as const;

const rate = {
  ...base,
  id: "enrollment.rate",
  unit: "%",
  denominatorZh: "户籍人口",
  denominatorEn: "Registered population",
  aggregation: "STOCK",
  valueKind: "ratio",
  numeratorSums: ["insuredEmployee", "insuredResident"],
  denominatorSums: ["population"],
} as const satisfies MetricDeclaration<Name>;

const subsidised = {
  ...base,
  id: "enrollment.subsidised",
  unit: "人",
  denominatorZh: null,
  denominatorEn: null,
  aggregation: "STOCK",
  valueKind: "count",
  numeratorSums: ["subsidised"],
  denominatorSums: null,
  accumulate: "YEAR_TO_DATE",
} as const satisfies MetricDeclaration<Name>;

const row = (e: number, r: number, p: number, s: number, sub: number): Sums<Name> => ({
  insuredEmployee: e,
  insuredResident: r,
  population: p,
  settlements: s,
  subsidised: sub,
  inspected: 0,
});

describe("declared metrics (defineMetric, evaluateMetrics)", () => {
  it("forms a ratio from the declared sums: Σ of the numerator's sums over Σ of the denominator's", () => {
    const sums = new Map([
      ["2024Q1", row(600, 350, 1000, 10, 3)],
      ["2024Q2", row(610, 360, 1000, 12, 4)],
    ]);
    const table = evaluateMetrics([rate], ["2024Q1", "2024Q2"], sums);
    expect(table.get("enrollment.rate")?.get("2024Q2")).toEqual({
      quarter: "2024Q2",
      numerator: 970,
      denominator: 1000,
    });
    const series = buildSeries(rate, "150724", ["2024Q1", "2024Q2"], table.get(rate.id) ?? new Map());
    expect(series.total.value).toBe(97); // STOCK: the last quarter
    expect(series.points[0]?.value).toBe(95);
  });

  it("counts a YEAR_TO_DATE metric per year from Q1, never across years, and reads from Q1", () => {
    expect(firstQuarterToRead([rate], "2024Q3")).toBe("2024Q3");
    expect(firstQuarterToRead([rate, subsidised], "2024Q3")).toBe("2024Q1");
    const sums = new Map(
      quarterRange("2023Q4", "2024Q3").map((q, i) => [q, row(0, 0, 0, 0, 10 * (i + 1))] as const),
    );
    const obs = evaluateMetrics([subsidised], ["2024Q2", "2024Q3"], sums).get(subsidised.id);
    expect([...(obs?.values() ?? [])].map((o) => o.numerator)).toEqual([20 + 30, 20 + 30 + 40]);
  });

  it("lists every named sum of the domain with its aggregation, additivity and readers", () => {
    const catalogue = defineMetricCatalogue(source, [rate, subsidised] as const);
    expect(catalogue.sums.map((s) => [s.name, s.aggregation, s.additive, s.metrics])).toEqual([
      ["insuredEmployee", "STOCK", true, ["enrollment.rate"]],
      ["insuredResident", "STOCK", true, ["enrollment.rate"]],
      ["population", "STOCK", true, ["enrollment.rate"]],
      ["settlements", "FLOW", true, []],
      ["subsidised", "FLOW", true, ["enrollment.subsidised"]],
      ["inspected", "FLOW", false, []],
    ]);
  });

  it("rejects declarations that cannot be evaluated", () => {
    const bad = (m: Partial<MetricDeclaration<Name>>) => () =>
      defineMetric(source, { ...rate, ...m } as MetricDeclaration<Name>);
    expect(bad({ numeratorSums: ["insuredEverybody" as Name] })).toThrow(/unknown enrollment sum/);
    expect(bad({ denominatorSums: null })).toThrow(/a ratio needs denominator sums/);
    expect(bad({ numeratorSums: [] })).toThrow(/at least one sum/);
    expect(bad({ accumulate: "YEAR_TO_DATE" })).toThrow(/YEAR_TO_DATE is a STOCK metric of FLOW sums/);
    // A running total of distinct counts would count an institution once per quarter.
    expect(
      bad({
        aggregation: "STOCK",
        accumulate: "YEAR_TO_DATE",
        numeratorSums: ["inspected"],
        denominatorSums: ["settlements"],
      }),
    ).toThrow(/YEAR_TO_DATE cannot add up distinct counts \(inspected\)/);
    expect(bad({ domain: "payment", id: "payment.rate" })).toThrow(/declared on the enrollment sums/);
    expect(() =>
      defineSummarySource({
        domain: "supervision",
        rows: "x",
        sums: { active: { aggregation: "STOCK", additive: false, unit: "institutions", en: "x" } },
      }),
    ).toThrow(/only a FLOW sum can be non-additive/);
  });

  it("reads a database row of sums (decimal strings, bigints, null → 0) and misses none", () => {
    const r = readSums(source, {
      insuredEmployee: "600",
      insuredResident: 350n,
      population: 1000,
      settlements: null,
      subsidised: "1.5",
      inspected: "2",
      quarter: "2024Q1",
    });
    expect(r).toEqual({ ...row(600, 350, 1000, 0, 1.5), inspected: 2 });
    expect(() => readSums(source, { insuredEmployee: "1" })).toThrow(/no sum "insuredResident"/);
  });
});
