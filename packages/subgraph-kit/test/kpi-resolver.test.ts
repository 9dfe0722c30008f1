import {
  defineMetricCatalogue,
  defineSummarySource,
  type MetricDefinition,
  type Sums,
  type SumsByQuarter,
} from "@hsa/kpi";
import type { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { type KpiResolverOptions, kpiResolver, type SumsRequest } from "../src/kpi-resolver";
import { createLogger } from "../src/logger";
import type { SubgraphContext } from "../src/subgraph";

// A small declared domain: inspections (additive), institutions inspected (a distinct count),
// institutions designated (a stock) and subsidised persons (a year-to-date running total).
const source = defineSummarySource({
  domain: "supervision",
  rows: "test rows",
  sums: {
    inspections: { aggregation: "FLOW", additive: true, unit: "inspections", en: "Inspections" },
    inspected: { aggregation: "FLOW", additive: false, unit: "institutions", en: "Institutions inspected" },
    designated: { aggregation: "STOCK", additive: true, unit: "institutions", en: "Institutions designated" },
    subsidised: { aggregation: "FLOW", additive: true, unit: "persons", en: "Persons subsidised" },
  },
});
type N = keyof typeof source.sums;

const base = {
  domain: "supervision",
  higherIsBetter: true,
  direction: "UP",
  targetRule: "NONE",
  target: null,
  denominatorZh: null,
  denominatorEn: null,
  numeratorZh: "n",
  numeratorEn: "n",
  unit: "家",
  precision: 0,
  valueKind: "count",
} as const;
const catalogue: readonly MetricDefinition[] = defineMetricCatalogue(source, [
  {
    ...base,
    id: "supervision.coverage",
    nameZh: "检查覆盖率",
    nameEn: "Inspection coverage",
    unit: "%",
    precision: 2,
    denominatorZh: "定点机构",
    denominatorEn: "Designated institutions",
    aggregation: "FLOW",
    numeratorSums: ["inspected"],
    denominatorSums: ["designated"],
    valueKind: "ratio",
  },
  {
    ...base,
    id: "supervision.inspections",
    nameZh: "检查次数",
    nameEn: "Inspections",
    aggregation: "FLOW",
    numeratorSums: ["inspections"],
    denominatorSums: null,
  },
  {
    ...base,
    id: "supervision.designated",
    nameZh: "定点机构",
    nameEn: "Designated institutions",
    aggregation: "STOCK",
    numeratorSums: ["designated"],
    denominatorSums: null,
  },
  {
    ...base,
    id: "supervision.subsidised",
    nameZh: "资助人数",
    nameEn: "Subsidised",
    aggregation: "STOCK",
    numeratorSums: ["subsidised"],
    denominatorSums: null,
    accumulate: "YEAR_TO_DATE",
    direction: "NEUTRAL",
    higherIsBetter: true,
  },
] as const).metrics;

const q = (inspections: number, inspected: number, designated: number, subsidised: number): Sums<N> => ({
  inspections,
  inspected,
  designated,
  subsidised,
});
const SUMS: SumsByQuarter<N> = new Map([
  ["2024Q1", q(3, 2, 10, 100)],
  ["2024Q2", q(4, 3, 12, 50)],
  ["2024Q3", q(5, 2, 12, 25)],
]);

function ctx(scope: string): SubgraphContext {
  return {
    principal: { sub: "u", name: "u", scope, roles: ["viewer"] },
    requestId: "r",
    log: createLogger("test"),
  };
}

function resolverWith(extra: Partial<KpiResolverOptions<N>> = {}) {
  const reads: (SumsRequest<N> & { codes: readonly string[] })[] = [];
  const recounts: string[][] = [];
  const resolve = kpiResolver<N>({
    catalogue,
    source,
    loadSums: async (_ctx, codes, req) => {
      reads.push({ ...req, codes });
      return new Map(codes.map((c) => [c, SUMS]));
    },
    recount: async (_ctx, codes, names, range) => {
      recounts.push([...codes, ...names, range.from, range.to]);
      // 4 distinct institutions over Q2–Q3, not 3 + 2
      return new Map(codes.map((c) => [c, { inspected: 4 }]));
    },
    ...extra,
  });
  return { resolve, reads, recounts };
}

describe("kpiResolver: Region.<domain>Kpis from a declared catalogue", () => {
  it("a range total counts distinct institutions again over the range; the stock is the range's end", async () => {
    const { resolve, recounts } = resolverWith();
    const [coverage] = await resolve(
      { code: "150700" },
      { from: "2024Q2", to: "2024Q3", metrics: ["supervision.coverage"] },
      ctx("150000"),
    );
    expect(coverage?.points.map((p) => [p.numerator, p.denominator])).toEqual([
      [3, 12],
      [2, 12],
    ]);
    expect(coverage?.total).toMatchObject({ numerator: 4, denominator: 12 });
    expect(coverage?.total.value).toBeCloseTo(33.33, 2); // 4 / 12, not (3 + 2) / 12
    expect(recounts).toEqual([["150700", "inspected", "2024Q2", "2024Q3"]]);
  });

  it("a region and its children asked for in one tick are read in one call per request", async () => {
    const { resolve, reads, recounts } = resolverWith();
    const args = { from: "2024Q2", to: "2024Q3", metrics: ["supervision.coverage"] };
    const c = ctx("150700");
    const codes = ["150700", "150702", "150724"];
    const all = await Promise.all(codes.map((code) => resolve({ code }, args, c)));
    expect(all.map(([s]) => s?.total.numerator)).toEqual([4, 4, 4]);
    expect(reads.map((r) => r.codes)).toEqual([codes]);
    expect(recounts).toEqual([[...codes, "inspected", "2024Q2", "2024Q3"]]);
    // the same request again is answered from the request's loader; another request reads again
    await resolve({ code: "150702" }, args, c);
    expect(reads).toHaveLength(1);
    await resolve({ code: "150702" }, args, ctx("150700"));
    expect(reads.map((r) => r.codes)).toEqual([codes, ["150702"]]);
    // another set of KPIs is another read (only the sums they need)
    await Promise.all(
      codes.map((code) => resolve({ code }, { ...args, metrics: ["supervision.inspections"] }, c)),
    );
    expect(reads.map((r) => [r.codes.join(), [...r.wanted].sort().join()])).toEqual([
      [codes.join(), "designated,inspected"],
      ["150702", "designated,inspected"],
      [codes.join(), "inspections"],
    ]);
    // the same range asked for other KPIs in the same tick (a region's cards, its children's
    // column) is one read of the sums any of them wants, and each answer is its own KPIs'
    reads.length = 0;
    const province = ctx("150000");
    const [cards, column] = await Promise.all([
      resolve({ code: "150700" }, { ...args, metrics: ["supervision.inspections"] }, province),
      resolve({ code: "150702" }, { ...args, metrics: ["supervision.designated"] }, province),
    ]);
    expect(reads.map((r) => [r.codes.join(), [...r.wanted].sort().join()])).toEqual([
      ["150700,150702", "designated,inspections"],
    ]);
    expect(cards?.map((s) => [s.metric.id, s.total.numerator])).toEqual([["supervision.inspections", 9]]);
    expect(column?.map((s) => s.metric.id)).toEqual(["supervision.designated"]);
  });

  it("reads only the sums the requested KPIs need, and from Q1 for a year-to-date KPI", async () => {
    const { resolve, reads, recounts } = resolverWith();
    const [inspections] = await resolve(
      { code: "150700" },
      { from: "2024Q2", to: "2024Q3", metrics: ["supervision.inspections"] },
      ctx("150700"),
    );
    expect(inspections?.total.numerator).toBe(9);
    expect([...(reads[0]?.wanted ?? [])]).toEqual(["inspections"]);
    expect(reads[0]?.readFrom).toBe("2024Q2");
    expect(recounts).toEqual([]); // no distinct count asked for: nothing counted again
    const [subsidised] = await resolve(
      { code: "150700" },
      { from: "2024Q2", to: "2024Q3", metrics: ["supervision.subsidised"] },
      ctx("150700"),
    );
    expect(reads[1]?.readFrom).toBe("2024Q1");
    expect(subsidised?.points.map((p) => p.numerator)).toEqual([150, 175]);
  });

  it("FORBIDDEN outside the scope and BAD_USER_INPUT for a bad range, before anything is read", async () => {
    const { resolve, reads } = resolverWith();
    const code = (p: Promise<unknown>) => p.catch((e: GraphQLError) => e.extensions?.code);
    expect(await code(resolve({ code: "150000" }, { from: "2024Q1", to: "2024Q2" }, ctx("150700")))).toBe(
      "FORBIDDEN",
    );
    expect(await code(resolve({ code: "150700" }, { from: "2024Q3", to: "2024Q2" }, ctx("150700")))).toBe(
      "BAD_USER_INPUT",
    );
    expect(
      await code(
        resolve({ code: "150700" }, { from: "2024Q1", to: "2024Q2", metrics: ["x.y"] }, ctx("150700")),
      ),
    ).toBe("BAD_USER_INPUT");
    expect(reads).toEqual([]);
  });

  it("rangeTotals: every region's total exactly as the resolver's, with the same scope check", async () => {
    const { resolve, reads, recounts } = resolverWith();
    const regions = [{ code: "150702" }, { code: "150724" }];
    for (const m of catalogue) {
      for (const [from, to] of [
        ["2024Q2", "2024Q3"],
        ["2024Q3", "2024Q3"],
        ["2023Q1", "2023Q4"], // no data: NO_DATA totals
      ] as const) {
        const totals = await resolve.rangeTotals(regions, { from, to, metric: m.id }, ctx("150700"));
        for (const r of regions) {
          const [series] = await resolve(r, { from, to, metrics: [m.id] }, ctx("150700"));
          expect(totals.get(r.code)).toEqual(series?.total);
        }
      }
    }
    expect(recounts.length).toBeGreaterThan(0);
    // a STOCK total is its last quarter's: only that quarter is read (a year-to-date one reads from Q1)
    reads.length = 0;
    await resolve.rangeTotals(
      regions,
      { from: "2024Q1", to: "2024Q3", metric: "supervision.designated" },
      ctx("150700"),
    );
    // every region in one call
    expect(reads.map((r) => [r.codes.join(), r.readFrom, r.to, r.quarters.join()])).toEqual([
      ["150702,150724", "2024Q3", "2024Q3", "2024Q3"],
    ]);
    const denied = await resolve
      .rangeTotals(
        [{ code: "150702" }, { code: "430600" }],
        { from: "2024Q1", to: "2024Q2", metric: "supervision.inspections" },
        ctx("150700"),
      )
      .catch((e: GraphQLError) => e.extensions?.code);
    expect(denied).toBe("FORBIDDEN");
  });

  it("a declared distinct count without a recount is a programming error, caught when the subgraph starts", () => {
    // Not at the first multi-quarter request: building the resolver already names the KPIs.
    expect(() => resolverWith({ recount: undefined })).toThrow(/supervision\.coverage.* need recount/);
  });
});
