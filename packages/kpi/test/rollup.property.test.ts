import { quarterRange } from "@hsa/periods";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  buildSeries,
  defineMetrics,
  type MetricDefinition,
  type Observation,
  rollUpRegions,
} from "../src/index";

const [flow, stock] = defineMetrics([
  {
    id: "enrollment.remote_registration",
    domain: "enrollment",
    nameZh: "异地就医备案率",
    nameEn: "Remote-care registration rate",
    unit: "%",
    numeratorZh: "备案人次",
    numeratorEn: "Registered cases",
    denominatorZh: "住院人次",
    denominatorEn: "Hospitalisations",
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
    numeratorEn: "Insured",
    denominatorZh: "户籍人口",
    denominatorEn: "Population",
    aggregation: "STOCK",
    target: 95,
    higherIsBetter: true,
    direction: "UP",
    targetRule: "AT_LEAST",
    valueKind: "ratio",
  },
]) as readonly MetricDefinition[] as [MetricDefinition, MetricDefinition];

const QUARTERS = quarterRange("2022Q1", "2023Q4");
// Integer figures, as reported (persons, cases, fen): sums are exact in any order.
const observation: fc.Arbitrary<Observation> = fc.record({
  quarter: fc.constantFrom(...QUARTERS),
  numerator: fc.integer({ min: 0, max: 10_000_000 }),
  denominator: fc.option(fc.integer({ min: 0, max: 10_000_000 }), { nil: null }),
});
/** Observations of several regions, and a way to split them into groups (e.g. cities). */
const regionsData = fc.array(fc.array(observation, { maxLength: 12 }), { minLength: 1, maxLength: 12 });

describe("KPI roll-up (property-based)", () => {
  it("Σ/Σ is independent of the order and grouping of the regions", () => {
    fc.assert(
      fc.property(regionsData, fc.array(fc.nat(), { maxLength: 12 }), (parts, groupOf) => {
        const flat = rollUpRegions(parts);
        expect(rollUpRegions([...parts].reverse())).toEqual(flat);
        expect(rollUpRegions([parts.flat()])).toEqual(flat);
        // Counties → cities → province equals counties → province.
        const groups = new Map<number, Observation[][]>();
        parts.forEach((p, i) => {
          const g = (groupOf[i] ?? 0) % 3;
          groups.set(g, [...(groups.get(g) ?? []), p]);
        });
        expect(rollUpRegions([...groups.values()].map((g) => rollUpRegions(g)))).toEqual(flat);
        // Σnumerator over the roll-up = Σnumerator over the input.
        const sum = (os: Observation[]) => os.reduce((s, o) => s + o.numerator, 0);
        expect(sum(flat)).toBe(sum(parts.flat()));
      }),
    );
  });

  it("a FLOW total is Σnumerator / Σdenominator of its quarters, never an average of rates", () => {
    fc.assert(
      fc.property(regionsData, (parts) => {
        const byQuarter = new Map(rollUpRegions(parts).map((o) => [o.quarter, o]));
        const series = buildSeries(flow, "150000", QUARTERS, byQuarter);
        const withData = QUARTERS.flatMap((q) => byQuarter.get(q) ?? []);
        const num = withData.reduce((s, o) => s + o.numerator, 0);
        const dens = withData.flatMap((o) => (o.denominator === null ? [] : [o.denominator]));
        const den = dens.length ? dens.reduce((s, d) => s + d, 0) : null;
        if (withData.length === 0) expect(series.total.status).toBe("NO_DATA");
        else {
          expect(series.total.numerator).toBe(num);
          expect(series.total.denominator).toBe(den);
          expect(series.total.value).toBe(den ? (100 * num) / den : null);
        }
        expect(series.points.map((p) => p.quarter)).toEqual(QUARTERS);
      }),
    );
  });

  it("a STOCK total is the last quarter of the range (NO_DATA when it has none)", () => {
    fc.assert(
      fc.property(regionsData, fc.integer({ min: 0, max: QUARTERS.length - 1 }), (parts, end) => {
        const range = QUARTERS.slice(0, end + 1);
        const byQuarter = new Map(rollUpRegions(parts).map((o) => [o.quarter, o]));
        const series = buildSeries(stock, "150000", range, byQuarter);
        const last = byQuarter.get(range.at(-1) as string);
        if (!last) expect(series.total.status).toBe("NO_DATA");
        else {
          expect(series.total.numerator).toBe(last.numerator);
          expect(series.total.denominator).toBe(last.denominator);
          expect(series.total).toMatchObject({ quarter: null });
        }
      }),
    );
  });
});
