// Issue 15: KpiSeries.previous (环比) and yearAgo (同比) through the gateway, checked against an
// independent Σnumerator / Σdenominator computation from the demo facts loaded; and the new
// judgement fields (expected, flags, NO_TARGET) on the wire.

import type { EnrollmentFacts } from "@hsa/demo-data";
import { addQuarters, quarterRange } from "@hsa/periods";
import { isInSubtree } from "@hsa/regions";
import { readRegistry } from "@hsa/subgraph-kit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, type Stack, startStack, token } from "./stack";

interface KpiValue {
  quarter: string | null;
  numerator: number;
  denominator: number | null;
  value: number | null;
  status: string;
  expected: number | null;
  flags: string[];
}
interface Series {
  metric: { id: string; aggregation: string; direction: string; targetRule: string; maximum: number | null };
  total: KpiValue;
  previous: KpiValue | null;
  yearAgo: KpiValue | null;
}
interface RegionKpis {
  region: { enrollmentKpis: Series[] } | null;
}

const VALUE = "quarter numerator denominator value status expected flags";
const KPIS = /* GraphQL */ `
  query Kpis($code: ID!, $from: Quarter!, $to: Quarter!, $metrics: [ID!]) {
    region(code: $code) {
      enrollmentKpis(from: $from, to: $to, metrics: $metrics) {
        metric { id aggregation direction targetRule maximum }
        total { ${VALUE} }
        previous { ${VALUE} }
        yearAgo { ${VALUE} }
      }
    }
  }
`;

const CITY = "150700";
type Figures = { numerator: number; denominator: number };

/** Independent figures of a region for a range: FLOW Σ over the range, STOCK the last quarter. */
function expectedFigures(
  code: string,
  facts: EnrollmentFacts[],
  from: string,
  to: string,
  num: (f: EnrollmentFacts) => number,
  den: (f: EnrollmentFacts) => number,
  aggregation: "FLOW" | "STOCK",
): Figures {
  const quarters = new Set(aggregation === "FLOW" ? quarterRange(from, to) : [to]);
  const rows = facts.filter((f) => quarters.has(f.quarter) && isInSubtree(f.regionCode, code));
  expect(rows.length).toBeGreaterThan(0);
  return {
    numerator: rows.reduce((s, f) => s + num(f), 0),
    denominator: rows.reduce((s, f) => s + den(f), 0),
  };
}

function expectValue(v: KpiValue | null | undefined, fig: Figures) {
  expect(v).not.toBeNull();
  expect(v?.quarter).toBeNull();
  expect(v?.numerator).toBe(fig.numerator);
  expect(v?.denominator).toBe(fig.denominator);
  expect(v?.value).toBeCloseTo((100 * fig.numerator) / fig.denominator, 9);
}

describe("KpiSeries.previous / yearAgo through the gateway (pglite)", () => {
  let stack: Stack;
  let city: string;
  let nation: string;

  beforeAll(async () => {
    // Every subgraph (only enrollment has data): previous/yearAgo come from the shared kit.
    // Two cities of two provinces: the nation's figures are their sums, recomputed here.
    stack = await startStack("pglite", undefined, { enrollmentScopes: [CITY, "430600"] });
    city = await token({ sub: "hlbr", scope: CITY, roles: ["viewer"] });
    nation = await token({ sub: "nhsa", scope: "000000", roles: ["viewer"] });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const remote = {
    id: "enrollment.remote_registration",
    aggregation: "FLOW" as const,
    num: (f: EnrollmentFacts) => f.remoteRegistrations,
    den: (f: EnrollmentFacts) => f.remoteHospitalisations,
  };
  const rate = {
    id: "enrollment.rate",
    aggregation: "STOCK" as const,
    num: (f: EnrollmentFacts) => f.insuredEmployee + f.insuredResident,
    den: (f: EnrollmentFacts) => f.registeredPopulation,
  };

  const cases = [
    { name: "a single quarter", from: "2023Q2", to: "2023Q2", previous: ["2023Q1", "2023Q1"] },
    { name: "a four-quarter range", from: "2023Q2", to: "2024Q1", previous: ["2022Q2", "2023Q1"] },
  ];
  for (const c of cases.flatMap((x) => [
    { ...x, code: CITY },
    { ...x, code: "000000" },
  ])) {
    it(`${c.code}, ${c.name} (${c.from}–${c.to}): previous and yearAgo equal an independent Σ/Σ`, async () => {
      const r = await gql<RegionKpis>(
        stack.gateway.url,
        KPIS,
        { code: c.code, from: c.from, to: c.to, metrics: [remote.id, rate.id] },
        c.code === CITY ? city : nation,
      );
      expect(r.errors).toBeUndefined();
      const series = r.data?.region?.enrollmentKpis ?? [];
      expect(series.map((s) => s.metric.id)).toEqual([remote.id, rate.id]);
      const [prevFrom, prevTo] = c.previous as [string, string];
      for (const [m, s] of [
        [remote, series[0]],
        [rate, series[1]],
      ] as const) {
        expect(s?.metric.aggregation).toBe(m.aggregation);
        const fig = (from: string, to: string) =>
          expectedFigures(c.code, stack.facts, from, to, m.num, m.den, m.aggregation);
        expectValue(s?.total, fig(c.from, c.to));
        expectValue(s?.previous, fig(prevFrom, prevTo));
        expectValue(s?.yearAgo, fig(addQuarters(c.from, -4), addQuarters(c.to, -4)));
        // judged like total
        expect(s?.previous?.expected).toBe(s?.total.expected);
      }
    });
  }

  it("is null before the first supported quarter, and judges with expected, flags and NO_TARGET", async () => {
    const r = await gql<RegionKpis>(
      stack.gateway.url,
      KPIS,
      {
        code: CITY,
        from: "2000Q1",
        to: "2000Q2",
        metrics: ["enrollment.rate", "enrollment.evoucher_activation", "enrollment.subsidy_amount"],
      },
      city,
    );
    expect(r.errors).toBeUndefined();
    const [enrollmentRate, activation, amount] = r.data?.region?.enrollmentKpis ?? [];
    expect(enrollmentRate?.previous).toBeNull();
    expect(enrollmentRate?.yearAgo).toBeNull();
    expect(enrollmentRate?.metric).toMatchObject({ direction: "UP", targetRule: "AT_LEAST", maximum: null });
    expect(enrollmentRate?.total).toMatchObject({ status: "NO_DATA", expected: 95, flags: [] });
    expect(activation?.metric).toMatchObject({ targetRule: "NONE", maximum: 100 });
    expect(amount?.metric).toMatchObject({ direction: "NEUTRAL", targetRule: "NONE" });

    const now = await gql<RegionKpis>(
      stack.gateway.url,
      KPIS,
      { code: CITY, from: "2023Q1", to: "2023Q4", metrics: ["enrollment.evoucher_activation"] },
      city,
    );
    expect(now.errors).toBeUndefined();
    const total = now.data?.region?.enrollmentKpis[0]?.total;
    expect(total?.status).toBe("NO_TARGET");
    expect(total?.expected).toBeNull();
    expect(total?.flags.includes("ABOVE_MAXIMUM")).toBe((total?.value ?? 0) > 100);
  });

  it("every subgraph answers previous/yearAgo and declares its rules (budget execution BAND, VBP ELAPSED)", async () => {
    const domains = ["enrollment", "procurement", "payment", "supervision"];
    const query = `query All($code: ID!) {
      ${domains
        .map(
          (d) => `${d}: region(code: $code) { kpis: ${d}Kpis(from: "2023Q2", to: "2023Q2") {
            metric { id } total { status } previous { status expected flags } yearAgo { status } } }
          ${d}Metrics { id direction targetRule target targetLow targetHigh maximum precision higherIsBetter }`,
        )
        .join("\n")}
    }`;
    type Catalogue = {
      id: string;
      targetRule: string;
      targetLow: number | null;
      targetHigh: number | null;
    }[];
    const r = await gql<Record<string, Catalogue | { kpis: Series[] }>>(
      stack.gateway.url,
      query,
      { code: CITY },
      city,
    );
    expect(r.errors).toBeUndefined();
    for (const d of domains) {
      const kpis = (r.data?.[d] as { kpis: Series[] } | undefined)?.kpis ?? [];
      expect(kpis.length, d).toBeGreaterThan(0);
      for (const s of kpis) {
        expect(s.previous, `${d} ${s.metric.id}`).not.toBeNull();
        expect(s.yearAgo, `${d} ${s.metric.id}`).not.toBeNull();
      }
    }
    const metric = (d: string, id: string) =>
      (r.data?.[`${d}Metrics`] as Catalogue | undefined)?.find((m) => m.id === id);
    expect(metric("payment", "payment.budget_execution")).toMatchObject({
      targetRule: "BAND",
      targetLow: 95,
      targetHigh: 105,
    });
    expect(metric("procurement", "procurement.vbp_completion")).toMatchObject({ targetRule: "ELAPSED" });
    expect(metric("procurement", "procurement.purchase_amount")).toMatchObject({ targetRule: "NONE" });
  });

  it("Query.domains lists the registry's domains, and each names a KPI field the graph answers", async () => {
    const r = await gql<{
      domains: {
        name: string;
        nameZh: string;
        nameEn: string;
        kpiField: string;
        metricsField: string;
        importKinds: { kind: string }[];
      }[];
    }>(
      stack.gateway.url,
      "{ domains { name nameZh nameEn kpiField metricsField importKinds { kind } } }",
      {},
      city,
    );
    expect(r.errors).toBeUndefined();
    const registry = readRegistry();
    expect(r.data?.domains.map((d) => d.name)).toEqual(registry.subgraphs.map((s) => s.name));
    expect(r.data?.domains.flatMap((d) => d.importKinds.map((k) => k.kind)).sort()).toEqual(
      registry.subgraphs.flatMap((s) => s.imports.map((i) => i.kind)).sort(),
    );
    for (const d of r.data?.domains ?? []) {
      expect(d.nameZh).toMatch(/\p{Script=Han}/u);
      const q = await gql<Record<string, unknown>>(
        stack.gateway.url,
        `{ ${d.metricsField} { id } region(code: "${CITY}") { ${d.kpiField}(from: "2023Q1", to: "2023Q1") { metric { id } } } }`,
        {},
        city,
      );
      expect(q.errors, d.name).toBeUndefined();
      expect((q.data?.[d.metricsField] as unknown[] | undefined)?.length ?? 0, d.name).toBeGreaterThan(0);
    }
  });
});
