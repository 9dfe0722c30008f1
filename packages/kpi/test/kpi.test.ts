import { quarterRange, quarterScalarSDL } from "@hsa/periods";
import { buildSchema, type GraphQLEnumType, GraphQLObjectType, Kind, parse } from "graphql";
import { describe, expect, it } from "vitest";
import {
  buildSeries,
  computeValue,
  defineMetrics,
  elapsedShare,
  formatValue,
  judgeKpi,
  kpiSDL,
  kpiStatus,
  kpiValue,
  type MetricDefinition,
  metricToGraphQL,
  type Observation,
  rejudgeKpi,
  rollUpRegions,
  sumObservations,
  withTargetOverrides,
} from "../src/index";

const metrics = defineMetrics([
  {
    id: "enrollment.remote_registration",
    domain: "enrollment",
    nameZh: "异地就医备案率",
    nameEn: "Remote-care registration rate",
    unit: "%",
    numeratorZh: "异地就医备案人次",
    numeratorEn: "Registered remote-care cases",
    denominatorZh: "参保地外住院人次",
    denominatorEn: "Hospitalisations outside the pooling region",
    aggregation: "FLOW",
    target: 90,
    higherIsBetter: true,
    direction: "UP",
    targetRule: "AT_LEAST",
    valueKind: "ratio",
  },
  {
    id: "enrollment.rate",
    domain: "enrollment",
    nameZh: "参保率",
    nameEn: "Enrollment rate",
    unit: "%",
    numeratorZh: "参保人数",
    numeratorEn: "Insured persons",
    denominatorZh: "户籍人口",
    denominatorEn: "Registered population",
    aggregation: "STOCK",
    target: 95,
    higherIsBetter: true,
    direction: "UP",
    targetRule: "AT_LEAST",
    valueKind: "ratio",
  },
  {
    id: "procurement.network_rate_drugs",
    domain: "procurement",
    nameZh: "药品网采率",
    nameEn: "Drug network purchase rate",
    unit: "%",
    numeratorZh: "网采金额 + 报备线下采购金额",
    numeratorEn: "Network amount + reported off-network amount",
    denominatorZh: "采购总金额",
    denominatorEn: "Total purchase amount",
    aggregation: "FLOW",
    target: 95,
    higherIsBetter: true,
    direction: "UP",
    targetRule: "AT_LEAST",
    valueKind: "ratio",
  },
  {
    id: "supervision.recovered_funds",
    domain: "supervision",
    nameZh: "追回违规基金",
    nameEn: "Recovered funds",
    unit: "万元",
    numeratorZh: "追回金额（分）",
    numeratorEn: "Recovered amount (fen)",
    denominatorZh: null,
    denominatorEn: null,
    aggregation: "FLOW",
    target: null,
    higherIsBetter: true,
    direction: "NEUTRAL",
    targetRule: "NONE",
    valueKind: "fen_to_wan",
  },
  {
    id: "payment.budget_execution",
    domain: "payment",
    nameZh: "总额预算执行率",
    nameEn: "Global-budget execution",
    unit: "%",
    numeratorZh: "实际支付",
    numeratorEn: "Fund actually paid",
    denominatorZh: "预算",
    denominatorEn: "Budget",
    aggregation: "FLOW",
    target: 100,
    higherIsBetter: false,
    direction: "DOWN",
    targetRule: "AT_MOST",
    valueKind: "ratio",
    nearTolerance: 2,
  },
]);

const [remote, enrollmentRate, networkRate, recovered, budget] = metrics;

describe("defineMetrics", () => {
  it("keeps the catalogue as given", () => {
    expect(metrics).toHaveLength(5);
    expect(remote.id).toBe("enrollment.remote_registration");
  });

  it("rejects duplicate ids", () => {
    expect(() => defineMetrics([remote, { ...remote, nameEn: "again" }])).toThrow(/duplicate/);
  });

  it("rejects ids outside their domain", () => {
    expect(() => defineMetrics([{ ...remote, id: "payment.remote" }])).toThrow(/enrollment\./);
    expect(() => defineMetrics([{ ...remote, id: "enrollment." }])).toThrow();
  });

  it("rejects a ratio without a denominator description", () => {
    expect(() => defineMetrics([{ ...remote, denominatorZh: null }])).toThrow(/denominator/);
    expect(() => defineMetrics([{ ...remote, denominatorEn: "" }])).toThrow(/denominator/);
  });
});

describe("computeValue: the DESIGN's worked figures", () => {
  it("remote-care registration 2463 / 2582 = 95.39%", () => {
    expect(computeValue(remote, 2463, 2582)?.toFixed(2)).toBe("95.39");
  });

  it("drug network rate counts the reported off-network part: 97.12%", () => {
    expect(computeValue(networkRate, 8_143_100 + 353_800, 8_748_900)?.toFixed(2)).toBe("97.12");
    expect(computeValue(networkRate, 8_143_100, 8_748_900)?.toFixed(2)).toBe("93.08");
  });

  it("consumables: 91.46% and 57.56%", () => {
    expect(computeValue(networkRate, 2_725_900, 2_980_300)?.toFixed(2)).toBe("91.46");
    expect(computeValue(networkRate, 1_142_900, 1_985_700)?.toFixed(2)).toBe("57.56");
  });

  it("keeps full precision", () => {
    expect(computeValue(remote, 1, 3)).toBeCloseTo(33.333333333, 8);
  });

  it("is null for a ratio with no denominator", () => {
    expect(computeValue(remote, 5, 0)).toBeNull();
    expect(computeValue(remote, 5, null)).toBeNull();
  });

  it("converts amounts to 万元", () => {
    expect(computeValue(recovered, 478_190_000, null)).toBe(478.19);
    expect(computeValue({ ...recovered, valueKind: "yuan_to_wan" }, 4_781_900, null)).toBe(478.19);
    expect(computeValue({ ...recovered, valueKind: "count", unit: "家" }, 12, null)).toBe(12);
  });
});

describe("kpiStatus", () => {
  it("higher is better: MET at or above target, NEAR within 5 points, else MISSED", () => {
    expect(kpiStatus(remote, 95.39)).toBe("MET");
    expect(kpiStatus(remote, 90)).toBe("MET");
    expect(kpiStatus(remote, 89.99)).toBe("NEAR");
    expect(kpiStatus(remote, 85)).toBe("NEAR");
    expect(kpiStatus(remote, 84.99)).toBe("MISSED");
    expect(kpiStatus(networkRate, computeValue(networkRate, 1_142_900, 1_985_700))).toBe("MISSED");
  });

  it("lower is better, with a custom tolerance", () => {
    expect(kpiStatus(budget, 99)).toBe("MET");
    expect(kpiStatus(budget, 100)).toBe("MET");
    expect(kpiStatus(budget, 101.5)).toBe("NEAR");
    expect(kpiStatus(budget, 102.01)).toBe("MISSED");
  });

  it("no value is NO_DATA; no target is NO_TARGET, never MET", () => {
    expect(kpiStatus(remote, null)).toBe("NO_DATA");
    expect(kpiStatus(recovered, 0)).toBe("NO_TARGET");
    expect(kpiStatus(recovered, 1e9)).toBe("NO_TARGET");
    expect(kpiStatus(recovered, null)).toBe("NO_DATA");
  });

  it("absorbs floating-point noise at the target", () => {
    expect(kpiStatus(remote, computeValue(remote, 0.9, 1))).toBe("MET");
  });
});

describe("status rules (issue 15)", () => {
  const base = {
    domain: "payment",
    unit: "%",
    numeratorZh: "分子",
    numeratorEn: "Numerator",
    denominatorZh: "分母",
    denominatorEn: "Denominator",
    aggregation: "FLOW",
    higherIsBetter: true,
    valueKind: "ratio",
  } as const;
  const [band, elapsed, activation, amount] = defineMetrics([
    {
      ...base,
      id: "payment.budget_execution",
      nameZh: "总额预算执行率",
      nameEn: "Global budget execution",
      target: 100,
      direction: "NEUTRAL",
      targetRule: "BAND",
      targetLow: 95,
      targetHigh: 105,
      maximum: null,
    },
    {
      ...base,
      id: "payment.vbp_like_completion",
      nameZh: "约定量完成率",
      nameEn: "Agreed-volume completion",
      aggregation: "STOCK",
      target: 100,
      direction: "UP",
      targetRule: "ELAPSED",
    },
    {
      ...base,
      id: "payment.activation_like",
      nameZh: "激活率",
      nameEn: "Activation",
      aggregation: "STOCK",
      target: null,
      direction: "UP",
      targetRule: "NONE",
      maximum: 100,
    },
    {
      ...base,
      id: "payment.amount",
      nameZh: "金额",
      nameEn: "Amount",
      unit: "万元",
      denominatorZh: null,
      denominatorEn: null,
      target: null,
      direction: "NEUTRAL",
      targetRule: "NONE",
      valueKind: "yuan_to_wan",
    },
  ]);

  it("BAND: budget execution 130% → MISSED, 100% → MET, just outside → NEAR", () => {
    expect(judgeKpi(band, 130)).toEqual({ status: "MISSED", expected: 100, flags: [] });
    expect(judgeKpi(band, 100)).toEqual({ status: "MET", expected: 100, flags: [] });
    expect(kpiStatus(band, 95)).toBe("MET");
    expect(kpiStatus(band, 105)).toBe("MET");
    expect(kpiStatus(band, 108)).toBe("NEAR");
    expect(kpiStatus(band, 91)).toBe("NEAR");
    expect(kpiStatus(band, 89.9)).toBe("MISSED");
    expect(kpiStatus(band, 110.1)).toBe("MISSED");
  });

  it("BAND on a series: Σpaid / Σbudget = 130% is MISSED", () => {
    const s = buildSeries(
      band,
      "150700",
      ["2023Q1", "2023Q2"],
      byQuarter([
        { quarter: "2023Q1", numerator: 120, denominator: 100 },
        { quarter: "2023Q2", numerator: 140, denominator: 100 },
      ]),
    );
    expect(s.total).toMatchObject({ value: 130, status: "MISSED", expected: 100 });
  });

  it("ELAPSED: 50% at the end of the 2nd quarter of the agreement year → MET with expected 50", () => {
    expect(judgeKpi(elapsed, 50, "2023Q2")).toEqual({ status: "MET", expected: 50, flags: [] });
    expect(judgeKpi(elapsed, 50, "2023Q4")).toEqual({ status: "MISSED", expected: 100, flags: [] });
    expect(judgeKpi(elapsed, 21, "2023Q1")).toMatchObject({ status: "NEAR", expected: 25 });
    // an agreement year starting in July: 2023Q4 is its second quarter
    expect(judgeKpi({ ...elapsed, periodStartMonth: 7 }, 50, "2023Q4")).toMatchObject({
      status: "MET",
      expected: 50,
    });
    // the subgraph's own elapsed share wins
    expect(judgeKpi(elapsed, 40, "2023Q2", 0.4)).toMatchObject({ status: "MET", expected: 40 });
    const s = buildSeries(
      elapsed,
      "150700",
      ["2023Q1", "2023Q2"],
      byQuarter([
        { quarter: "2023Q1", numerator: 20, denominator: 100 },
        { quarter: "2023Q2", numerator: 50, denominator: 100 },
      ]),
    );
    expect(s.total).toMatchObject({ value: 50, status: "MET", expected: 50 });
    expect(s.points[0]).toMatchObject({ value: 20, status: "NEAR", expected: 25 });
  });

  it("rejudgeKpi: a resolver's overridden figures get a status, expected and flags that agree", () => {
    // a sum of quarters judged 120% (ABOVE_MAXIMUM, MET), then overridden by a distinct count of 40%
    const capped = { ...activation, target: 50, targetRule: "AT_LEAST", maximum: 100 } as MetricDefinition;
    const before = kpiValue(capped, "150700", null, { numerator: 12, denominator: 10 }, "2023Q4");
    expect(before).toMatchObject({ value: 120, status: "MET", expected: 50, flags: ["ABOVE_MAXIMUM"] });
    const after = rejudgeKpi(capped, before, { numerator: 4, denominator: 10, value: 40 }, "2023Q4");
    expect(after).toMatchObject({ numerator: 4, denominator: 10, value: 40, status: "MISSED", flags: [] });
    expect(after.expected).toBe(50);
    // ELAPSED: judged against the range's last quarter, not left at the earlier expected
    const e = kpiValue(elapsed, "150700", null, { numerator: 1, denominator: 1 }, "2023Q4");
    const re = rejudgeKpi(elapsed, e, { value: 50 }, "2023Q2");
    expect(re).toMatchObject({ value: 50, status: "MET", expected: 50, flags: [] });
    // a null value: NO_DATA, and no flag left behind
    expect(rejudgeKpi(capped, before, { value: null })).toMatchObject({ status: "NO_DATA", flags: [] });
  });

  it("elapsedShare", () => {
    expect([1, 2, 3, 4].map((q) => elapsedShare(`2023Q${q}`))).toEqual([0.25, 0.5, 0.75, 1]);
    expect(elapsedShare("2023Q3", 7)).toBe(0.25);
    expect(elapsedShare("2023Q2", 4)).toBe(0.25);
  });

  it("no target → NO_TARGET, never MET; ABOVE_MAXIMUM above a declared maximum", () => {
    expect(judgeKpi(activation, 101)).toEqual({
      status: "NO_TARGET",
      expected: null,
      flags: ["ABOVE_MAXIMUM"],
    });
    expect(judgeKpi(activation, 100)).toEqual({ status: "NO_TARGET", expected: null, flags: [] });
    expect(judgeKpi(amount, 5)).toEqual({ status: "NO_TARGET", expected: null, flags: [] });
    expect(judgeKpi(amount, null)).toEqual({ status: "NO_DATA", expected: null, flags: [] });
  });

  it("AT_MOST and AT_LEAST keep today's NEAR tolerance", () => {
    expect(kpiStatus(budget, 101.5)).toBe("NEAR");
    expect(kpiStatus(remote, 86)).toBe("NEAR");
  });

  it("defineMetrics checks the judgement fields", () => {
    expect(() => defineMetrics([{ ...amount, targetRule: "AT_LEAST" }])).toThrow(/NONE/);
    expect(() => defineMetrics([{ ...amount, target: 5 }])).toThrow(/NONE/);
    expect(() => defineMetrics([{ ...band, targetLow: null }])).toThrow(/BAND/);
    expect(() => defineMetrics([{ ...band, targetLow: 110 }])).toThrow(/BAND/);
    expect(() => defineMetrics([{ ...remote, targetLow: 1, targetHigh: 2 }])).toThrow(/BAND/);
    expect(() => defineMetrics([{ ...remote, direction: "DOWN" }])).toThrow(/higherIsBetter/);
    expect(() => defineMetrics([{ ...remote, precision: 1.5 }])).toThrow(/precision/);
  });

  it("target overrides keep the rule's shape", () => {
    const [a, b, c] = withTargetOverrides(
      [amount, band, remote],
      '{"payment.amount": 10, "payment.budget_execution": 90, "enrollment.remote_registration": null}',
    );
    expect(a).toMatchObject({ target: 10, targetRule: "AT_LEAST" });
    expect(b).toMatchObject({ target: 90, targetRule: "BAND", targetLow: 85, targetHigh: 95 });
    expect(c).toMatchObject({ target: null, targetRule: "NONE" });
    expect(kpiStatus(c as MetricDefinition, 99)).toBe("NO_TARGET");
  });

  it("metricToGraphQL exposes the judgement", () => {
    expect(metricToGraphQL(band)).toMatchObject({
      direction: "NEUTRAL",
      targetRule: "BAND",
      targetLow: 95,
      targetHigh: 105,
      maximum: null,
      precision: 2,
    });
    expect(metricToGraphQL(activation)).toMatchObject({ maximum: 100, targetRule: "NONE" });
  });
});

describe("sumObservations and rollUpRegions", () => {
  it("sums numerators and denominators", () => {
    expect(
      sumObservations([
        { quarter: "2023Q1", numerator: 1, denominator: 2 },
        { quarter: "2023Q2", numerator: 3, denominator: null },
        { quarter: "2023Q3", numerator: 5, denominator: 6 },
      ]),
    ).toEqual({ numerator: 9, denominator: 8 });
    expect(sumObservations([{ quarter: "2023Q1", numerator: 4, denominator: null }])).toEqual({
      numerator: 4,
      denominator: null,
    });
    expect(sumObservations([])).toEqual({ numerator: 0, denominator: null });
  });

  it("weighs a big city more than a small county (Σ/Σ, not an average of rates)", () => {
    const county: Observation[] = [{ quarter: "2023Q1", numerator: 500, denominator: 1_000 }];
    const city: Observation[] = [{ quarter: "2023Q1", numerator: 990_000, denominator: 1_000_000 }];
    const rolled = rollUpRegions([county, city]);
    expect(rolled).toEqual([{ quarter: "2023Q1", numerator: 990_500, denominator: 1_001_000 }]);
    const first = rolled[0];
    if (!first) throw new Error("no roll-up");
    const value = computeValue(enrollmentRate, first.numerator, first.denominator);
    expect(value?.toFixed(2)).toBe("98.95");
    expect(value).not.toBeCloseTo(74.5, 1);
  });

  it("merges quarters present in only some regions, in quarter order", () => {
    const a: Observation[] = [
      { quarter: "2023Q2", numerator: 1, denominator: 10 },
      { quarter: "2022Q4", numerator: 2, denominator: 20 },
    ];
    const b: Observation[] = [
      { quarter: "2023Q2", numerator: 3, denominator: 30 },
      { quarter: "2023Q1", numerator: 4, denominator: null },
    ];
    expect(rollUpRegions([a, b])).toEqual([
      { quarter: "2022Q4", numerator: 2, denominator: 20 },
      { quarter: "2023Q1", numerator: 4, denominator: null },
      { quarter: "2023Q2", numerator: 4, denominator: 40 },
    ]);
    expect(rollUpRegions([])).toEqual([]);
  });
});

function byQuarter(obs: Observation[]): Map<string, Observation> {
  return new Map(obs.map((o) => [o.quarter, o]));
}

describe("buildSeries", () => {
  const quarters = quarterRange("2022Q4", "2023Q2");

  it("FLOW total sums numerators and denominators over the quarters with data", () => {
    const series = buildSeries(
      remote,
      "430671",
      quarters,
      byQuarter([
        { quarter: "2022Q4", numerator: 600, denominator: 700 },
        { quarter: "2023Q2", numerator: 400, denominator: 500 },
      ]),
    );
    expect(series.metric).toBe(remote);
    expect(series.points.map((p) => p.quarter)).toEqual(["2022Q4", "2023Q1", "2023Q2"]);
    expect(series.points[1]).toEqual({
      metricId: "enrollment.remote_registration",
      regionCode: "430671",
      quarter: "2023Q1",
      numerator: 0,
      denominator: null,
      value: null,
      target: 90,
      status: "NO_DATA",
      expected: 90,
      flags: [],
    });
    expect(series.points[0]?.status).toBe("NEAR");
    expect(series.points[2]?.status).toBe("MISSED");
    expect(series.total).toMatchObject({
      quarter: null,
      regionCode: "430671",
      numerator: 1_000,
      denominator: 1_200,
      target: 90,
      status: "MISSED",
    });
    expect(series.total.value?.toFixed(2)).toBe("83.33");
    // not the average of the rates (85.71 and 80.00)
    expect(series.total.value?.toFixed(2)).not.toBe("82.86");
  });

  it("reproduces the remote-care registration figure for a year", () => {
    const year = quarterRange("2022Q1", "2022Q4");
    const obs: Observation[] = [
      { quarter: "2022Q1", numerator: 600, denominator: 640 },
      { quarter: "2022Q2", numerator: 610, denominator: 641 },
      { quarter: "2022Q3", numerator: 620, denominator: 650 },
      { quarter: "2022Q4", numerator: 633, denominator: 651 },
    ];
    const series = buildSeries(remote, "430671", year, byQuarter(obs));
    expect(series.total.numerator).toBe(2_463);
    expect(series.total.denominator).toBe(2_582);
    expect(series.total.value?.toFixed(2)).toBe("95.39");
    expect(series.total.status).toBe("MET");
  });

  it("STOCK total is the last quarter of the range, never a sum", () => {
    const series = buildSeries(
      enrollmentRate,
      "150724",
      quarters,
      byQuarter([
        { quarter: "2022Q4", numerator: 900, denominator: 1_000 },
        { quarter: "2023Q1", numerator: 950, denominator: 1_000 },
        { quarter: "2023Q2", numerator: 980, denominator: 1_000 },
      ]),
    );
    expect(series.total).toMatchObject({ quarter: null, numerator: 980, denominator: 1_000, status: "MET" });
    expect(series.total.value).toBeCloseTo(98, 10);
  });

  it("STOCK total is NO_DATA when the last quarter has no observation", () => {
    const series = buildSeries(
      enrollmentRate,
      "150724",
      quarters,
      byQuarter([{ quarter: "2022Q4", numerator: 900, denominator: 1_000 }]),
    );
    expect(series.total).toMatchObject({ numerator: 0, denominator: null, value: null, status: "NO_DATA" });
  });

  it("a FLOW amount with no data at all is NO_DATA, not 0", () => {
    const series = buildSeries(recovered, "150724", quarters, new Map());
    expect(series.points.every((p) => p.status === "NO_DATA")).toBe(true);
    expect(series.total).toMatchObject({ value: null, status: "NO_DATA" });
  });

  it("FLOW amounts sum in fen and display in 万元", () => {
    const series = buildSeries(
      recovered,
      "150700",
      quarters,
      byQuarter([
        { quarter: "2022Q4", numerator: 300_000_000, denominator: null },
        { quarter: "2023Q1", numerator: 178_190_000, denominator: null },
      ]),
    );
    expect(series.total).toMatchObject({
      numerator: 478_190_000,
      denominator: null,
      value: 478.19,
      status: "NO_TARGET",
      expected: null,
      flags: [],
    });
    expect(formatValue(recovered, series.total.value, "zh")).toBe("478.19万元");
  });

  it("an empty range gives a NO_DATA total", () => {
    expect(buildSeries(enrollmentRate, "000000", [], new Map()).total.status).toBe("NO_DATA");
    expect(buildSeries(remote, "000000", [], new Map()).points).toEqual([]);
  });
});

describe("kpiSDL", () => {
  const prelude = `${quarterScalarSDL}\ndirective @shareable repeatable on OBJECT | FIELD_DEFINITION\n`;

  it("parses with the Quarter scalar and @shareable in scope", () => {
    const doc = parse(prelude + kpiSDL);
    const names = doc.definitions.flatMap((d) => ("name" in d && d.name ? [d.name.value] : []));
    expect(names).toEqual(
      expect.arrayContaining(["Aggregation", "KpiStatus", "Metric", "KpiValue", "KpiSeries"]),
    );
    expect(kpiSDL).not.toMatch(/scalar Quarter/);
    for (const def of parse(prelude + kpiSDL).definitions) {
      if (def.kind === Kind.OBJECT_TYPE_DEFINITION) {
        expect(
          def.directives?.map((d) => d.name.value),
          def.name.value,
        ).toEqual(["shareable"]);
        for (const field of def.fields ?? [])
          expect((field.directives ?? []).filter((d) => d.name.value !== "deprecated")).toEqual([]);
      }
    }
  });

  it("has exactly the contract's field names and types", () => {
    const schema = buildSchema(`${prelude}${kpiSDL}\ntype Query { kpis: [KpiSeries!]! }`);
    const fields = (name: string): Record<string, string> => {
      const type = schema.getType(name);
      if (!(type instanceof GraphQLObjectType)) throw new Error(`${name} is not an object type`);
      return Object.fromEntries(Object.values(type.getFields()).map((f) => [f.name, String(f.type)]));
    };
    expect(fields("Metric")).toEqual({
      id: "ID!",
      domain: "String!",
      nameZh: "String!",
      nameEn: "String!",
      unit: "String!",
      unitEn: "String!",
      numeratorZh: "String!",
      numeratorEn: "String!",
      denominatorZh: "String",
      denominatorEn: "String",
      aggregation: "Aggregation!",
      target: "Float",
      higherIsBetter: "Boolean!",
      direction: "Direction!",
      targetRule: "TargetRule!",
      targetLow: "Float",
      targetHigh: "Float",
      maximum: "Float",
      precision: "Int!",
    });
    expect(
      (schema.getType("Metric") as GraphQLObjectType).getFields().higherIsBetter?.deprecationReason,
    ).toBe("use direction");
    expect(fields("KpiValue")).toEqual({
      metricId: "ID!",
      regionCode: "ID!",
      quarter: "Quarter",
      numerator: "Float!",
      denominator: "Float",
      value: "Float",
      target: "Float",
      status: "KpiStatus!",
      expected: "Float",
      flags: "[QualityFlag!]!",
    });
    expect(fields("KpiSeries")).toEqual({
      metric: "Metric!",
      total: "KpiValue!",
      points: "[KpiValue!]!",
      previous: "KpiValue",
      yearAgo: "KpiValue",
    });
    const values = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((v) => v.name);
    expect(values("KpiStatus")).toEqual(["MET", "NEAR", "MISSED", "NO_DATA", "NO_TARGET"]);
    expect(values("Direction")).toEqual(["UP", "DOWN", "NEUTRAL"]);
    expect(values("TargetRule")).toEqual(["NONE", "AT_LEAST", "AT_MOST", "BAND", "ELAPSED"]);
    expect(values("QualityFlag")).toEqual(["ABOVE_MAXIMUM", "PARTIAL_REPORTING", "OUTLIER"]);
  });
});

describe("metricToGraphQL and formatValue", () => {
  it("exposes exactly the Metric fields", () => {
    const m = metricToGraphQL(remote as MetricDefinition);
    expect(Object.keys(m).sort()).toEqual(
      [
        "id",
        "domain",
        "nameZh",
        "nameEn",
        "unit",
        "unitEn",
        "numeratorZh",
        "numeratorEn",
        "denominatorZh",
        "denominatorEn",
        "aggregation",
        "target",
        "higherIsBetter",
        "direction",
        "targetRule",
        "targetLow",
        "targetHigh",
        "maximum",
        "precision",
      ].sort(),
    );
    expect(m).toMatchObject({ id: "enrollment.remote_registration", domain: "enrollment", target: 90 });
    expect(metricToGraphQL(recovered)).toMatchObject({
      denominatorZh: null,
      denominatorEn: null,
      target: null,
    });
  });

  it("formats two decimals and the unit", () => {
    const v = computeValue(networkRate, 8_143_100 + 353_800, 8_748_900);
    expect(formatValue(networkRate, v, "zh")).toBe("97.12%");
    expect(formatValue(networkRate, v, "en")).toBe("97.12%");
    expect(formatValue(recovered, 478.19, "en")).toBe("478.19 ×10k yuan");
    expect(formatValue(remote, null, "zh")).toBe("—");
    expect(formatValue(remote, null, "en")).toBe("—");
  });

  it("takes the unit's English from the metric, else the common units, else the Chinese unit", () => {
    // a unit of a domain's own, with its English and decimals declared by the metric
    const months = { ...recovered, unit: "月", unitEn: "months", precision: 1 };
    expect(metricToGraphQL(months)).toMatchObject({ unit: "月", unitEn: "months", precision: 1 });
    expect(formatValue(months, 8.44, "zh")).toBe("8.4月");
    expect(formatValue(months, 8.44, "en")).toBe("8.4 months");
    // a common unit without a declared English: the default table
    expect(metricToGraphQL(recovered).unitEn).toBe("×10k yuan");
    expect(metricToGraphQL(networkRate).unitEn).toBe("%");
    // a unit nobody translated: the Chinese unit in both languages
    const beds = { ...recovered, unit: "张", precision: 0 };
    expect(metricToGraphQL(beds).unitEn).toBe("张");
    expect(formatValue(beds, 12, "en")).toBe("12 张");
  });
});

describe("withTargetOverrides", () => {
  const catalogue = defineMetrics([
    {
      id: "procurement.network_rate.drug",
      domain: "procurement",
      nameZh: "药品网采率",
      nameEn: "Drug network purchase rate",
      unit: "%",
      numeratorZh: "网采金额",
      numeratorEn: "Network amount",
      denominatorZh: "采购总金额",
      denominatorEn: "Total purchases",
      aggregation: "FLOW",
      target: 95,
      higherIsBetter: true,
      direction: "UP",
      targetRule: "AT_LEAST",
      valueKind: "ratio",
    },
  ] as const satisfies readonly MetricDefinition[]);

  it("overrides a target per KPI and ignores other domains' ids", () => {
    const out = withTargetOverrides(
      catalogue,
      '{"procurement.network_rate.drug": 98, "enrollment.rate": 90}',
    );
    expect(out[0]?.target).toBe(98);
    expect(catalogue[0].target).toBe(95);
    expect(withTargetOverrides(catalogue, undefined)[0]?.target).toBe(95);
  });

  it("rejects typos and non-numbers loudly", () => {
    expect(() => withTargetOverrides(catalogue, '{"procurement.network_rate.drugs": 98}')).toThrow(
      /unknown metric id/,
    );
    expect(() => withTargetOverrides(catalogue, '{"procurement.network_rate.drug": "98"}')).toThrow(
      /number or null/,
    );
    expect(() => withTargetOverrides(catalogue, "not json")).toThrow(/not valid JSON/);
  });
});
