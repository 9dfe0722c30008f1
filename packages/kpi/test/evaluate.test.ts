import { describe, expect, it } from "vitest";
import {
  defineMetricCatalogue,
  defineSummarySource,
  evaluateSeries,
  figuresOf,
  type MetricDeclaration,
  sumsToRecount,
} from "../src/index";

// Inspection coverage as supervision declares it: a distinct count over institutions designated at
// the period's end (a STOCK), and a price (元/点) as payment declares its point value.
const source = defineSummarySource({
  domain: "supervision",
  rows: "test",
  sums: {
    inspected: { aggregation: "FLOW", additive: false, unit: "institutions", en: "distinct inspected" },
    active: { aggregation: "STOCK", additive: true, unit: "institutions", en: "active at the end" },
    budgetYuan: { aggregation: "FLOW", additive: true, unit: "yuan", en: "budget share" },
    points: { aggregation: "FLOW", additive: true, unit: "points", en: "points" },
    agreedFen: { aggregation: "STOCK", additive: true, unit: "fen", en: "agreed" },
    elapsedAgreedFen: { aggregation: "STOCK", additive: true, unit: "fen", en: "elapsed × agreed" },
  },
});
type Name = keyof typeof source.sums;

const common = {
  domain: "supervision",
  nameZh: "x",
  nameEn: "x",
  numeratorZh: "x",
  numeratorEn: "x",
  denominatorZh: "y",
  denominatorEn: "y",
  higherIsBetter: true,
} as const;

const coverage = {
  ...common,
  id: "supervision.coverage",
  unit: "%",
  aggregation: "FLOW",
  target: 50,
  direction: "UP",
  targetRule: "AT_LEAST",
  maximum: 100,
  valueKind: "ratio",
  numeratorSums: ["inspected"],
  denominatorSums: ["active"],
} as const satisfies MetricDeclaration<Name>;

const price = {
  ...common,
  id: "supervision.price",
  unit: "元",
  aggregation: "FLOW",
  target: null,
  direction: "NEUTRAL",
  targetRule: "NONE",
  valueKind: "quotient",
  numeratorSums: ["budgetYuan"],
  denominatorSums: ["points"],
} as const satisfies MetricDeclaration<Name>;

const progress = {
  ...common,
  id: "supervision.progress",
  unit: "%",
  aggregation: "STOCK",
  target: 100,
  direction: "UP",
  targetRule: "ELAPSED",
  valueKind: "ratio",
  numeratorSums: ["points"],
  denominatorSums: ["agreedFen"],
  elapsedSums: { weighted: "elapsedAgreedFen", weight: "agreedFen" },
} as const satisfies MetricDeclaration<Name>;

const catalogue = defineMetricCatalogue(source, [coverage, price, progress] as const);
const Q = ["2024Q1", "2024Q2"];
const sums = new Map([
  ["2024Q1", { inspected: 3, active: 10, budgetYuan: 1000, points: 400 }],
  ["2024Q2", { inspected: 4, active: 8, budgetYuan: 1000, points: 600 }],
]);

describe("evaluateSeries: range totals of declared metrics", () => {
  it("recounts a distinct count over the range and reads a STOCK at the range's end, never Σ/Σ of quarters", () => {
    expect(sumsToRecount(source, catalogue.metrics, Q, sums)).toEqual(["inspected"]);
    expect(sumsToRecount(source, catalogue.metrics, ["2024Q1"], sums)).toEqual([]);
    const [s] = evaluateSeries(source, [coverage], "150724", Q, sums, { recounted: { inspected: 5 } });
    expect(s?.points.map((p) => p.value)).toEqual([30, 50]);
    // an institution inspected in both quarters counts once: 5 of the 8 designated at the end
    expect(s?.total).toMatchObject({ numerator: 5, denominator: 8, value: 62.5, status: "MET" });
    expect(() => evaluateSeries(source, [coverage], "150724", Q, sums)).toThrow(/not recounted/);
  });

  it("takes a one-quarter range's distinct count from its quarter", () => {
    const [s] = evaluateSeries(source, [coverage], "150724", ["2024Q2"], sums);
    expect(s?.total).toMatchObject({ numerator: 4, denominator: 8, value: 50 });
  });

  it("values a quotient as Σnumerator / Σdenominator (a price, not a percent)", () => {
    const [s] = evaluateSeries(source, [price], "150724", Q, sums);
    expect(s?.points.map((p) => p.value)).toEqual([2.5, 1000 / 600]);
    expect(s?.total).toMatchObject({ numerator: 2000, denominator: 1000, value: 2, status: "NO_TARGET" });
  });

  it("has no observation where none of a metric's sums is reported, and judges ELAPSED on the weighted share", () => {
    const partial = new Map([
      ["2024Q1", { points: 50, agreedFen: 100, elapsedAgreedFen: 25 }],
      ["2024Q2", { inspected: 1 }],
    ]);
    const [s] = evaluateSeries(source, [progress], "150724", Q, partial);
    expect(s?.points.map((p) => p.status)).toEqual(["MET", "NO_DATA"]);
    expect(s?.points[0]).toMatchObject({ value: 50, expected: 25 });
    expect(figuresOf(progress, { points: 1, agreedFen: 0, elapsedAgreedFen: 0 })?.elapsed).toBeNull();
  });
});
