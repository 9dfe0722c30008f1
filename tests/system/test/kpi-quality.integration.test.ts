// Issue 15: the data-quality flags PARTIAL_REPORTING and OUTLIER on KPI values, through the
// gateway, each checked against an independent computation: reports received from the workflow's
// own state listing, and the modified z-score recomputed here from the values the API serves.

import { addQuarters, quarterRange } from "@hsa/periods";
import { children, reportingUnits } from "@hsa/regions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, type Stack, startStack, token } from "./stack";

interface Value {
  quarter: string | null;
  value: number | null;
  flags: string[];
}
interface Series {
  metric: { id: string; aggregation: "FLOW" | "STOCK"; valueKind?: string; unit: string };
  total: Value;
  points: Value[];
  previous: Value | null;
}
type Kpis = { region: { enrollmentKpis: Series[] } | null };

const KPIS = /* GraphQL */ `
  query Q($code: ID!, $from: Quarter!, $to: Quarter!) {
    region(code: $code) {
      enrollmentKpis(from: $from, to: $to) {
        metric { id aggregation unit }
        total { quarter value flags }
        points { quarter value flags }
        previous { quarter value flags }
      }
    }
  }`;
const STATES = /* GraphQL */ `
  query S($code: ID!, $from: Quarter!, $to: Quarter!) {
    region(code: $code) { enrollmentReportStates(from: $from, to: $to) { regionCode quarter status } }
  }`;
const SUBMIT = /* GraphQL */ `mutation S($c: ID!, $q: Quarter!) { submitEnrollmentReport(regionCode: $c, quarter: $q) { status } }`;
const REPORT = /* GraphQL */ `mutation R($input: EnrollmentReportInput!) { reportEnrollment(input: $input) { changed } }`;

const CITY = "150700";
const COUNTY = "150724";
const isCompleteness = (id: string) => /\.reporting_(completeness|timeliness)$/.test(id);

// The documented rule (packages/subgraph-kit/src/quality.ts), written out again here.
const med = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};
function outlier(x: number, sample: number[]): boolean {
  if (sample.length < 4) return false;
  const m = med(sample);
  const dev = sample.map((v) => Math.abs(v - m));
  const mad = med(dev);
  const mean = dev.reduce((a, b) => a + b, 0) / dev.length;
  const z = mad > 0 ? (0.6745 * (x - m)) / mad : mean > 0 ? (x - m) / (1.253314 * mean) : 0;
  return Math.abs(z) > 3.5;
}

describe("quality flags PARTIAL_REPORTING and OUTLIER through the gateway (pglite)", () => {
  let stack: Stack;
  let viewer: string;
  let cityReporter: string;

  beforeAll(async () => {
    stack = await startStack("pglite", undefined, { enrollmentScopes: [CITY] });
    viewer = await token({ sub: "hlbr-viewer", scope: CITY, roles: ["viewer"] });
    cityReporter = await token({ sub: "hlbr-reporter", scope: CITY, roles: ["reporter"] });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const kpis = async (code: string, from: string, to: string) => {
    const r = await gql<Kpis>(stack.gateway.url, KPIS, { code, from, to }, viewer);
    expect(r.errors).toBeUndefined();
    return r.data?.region?.enrollmentKpis ?? [];
  };
  /** Independently: the quarters in which not every reporting unit of `code` submitted or had approved its report. */
  const partialQuarters = async (code: string, from: string, to: string) => {
    const r = await gql<{ region: { enrollmentReportStates: { quarter: string; status: string }[] } }>(
      stack.gateway.url,
      STATES,
      { code, from, to },
      viewer,
    );
    expect(r.errors).toBeUndefined();
    const units = reportingUnits(code).length;
    const out = new Set<string>();
    for (const q of quarterRange(from, to)) {
      const received = (r.data?.region.enrollmentReportStates ?? []).filter(
        (s) => s.quarter === q && (s.status === "SUBMITTED" || s.status === "APPROVED"),
      ).length;
      if (received < units) out.add(q);
    }
    return out;
  };
  const expectPartial = (series: Series[], partial: Set<string>, from: string, to: string) => {
    let checked = 0;
    for (const s of series) {
      if (isCompleteness(s.metric.id)) {
        expect(s.total.flags, s.metric.id).not.toContain("PARTIAL_REPORTING");
        continue;
      }
      for (const p of s.points) {
        if (p.value === null) continue;
        expect(p.flags.includes("PARTIAL_REPORTING"), `${s.metric.id} ${p.quarter}`).toBe(
          partial.has(p.quarter as string),
        );
        checked++;
      }
      if (s.total.value !== null) {
        const covered = s.metric.aggregation === "STOCK" ? [to] : quarterRange(from, to);
        expect(s.total.flags.includes("PARTIAL_REPORTING"), `${s.metric.id} total`).toBe(
          covered.some((q) => partial.has(q)),
        );
      }
    }
    expect(checked).toBeGreaterThan(0);
  };

  it("PARTIAL_REPORTING follows the reports received: flagged until every county of the city submitted", async () => {
    const [from, to] = ["2023Q1", "2023Q2"];
    // Nothing submitted yet: every value of the city and of a county is partial.
    let partial = await partialQuarters(CITY, from, to);
    expect([...partial]).toEqual(["2023Q1", "2023Q2"]);
    expectPartial(await kpis(CITY, from, to), partial, from, to);
    expectPartial(await kpis(COUNTY, from, to), await partialQuarters(COUNTY, from, to), from, to);

    // The county submits 2023Q2: its own 2023Q2 figures are no longer partial; the city's still are.
    const one = await gql(stack.gateway.url, SUBMIT, { c: COUNTY, q: "2023Q2" }, cityReporter);
    expect(one.errors).toBeUndefined();
    const county = await partialQuarters(COUNTY, from, to);
    expect([...county]).toEqual(["2023Q1"]);
    expectPartial(await kpis(COUNTY, from, to), county, from, to);
    expectPartial(await kpis(CITY, from, to), await partialQuarters(CITY, from, to), from, to);

    // Every other county of the city submits 2023Q2: the city's 2023Q2 is complete, a range with 2023Q1 is not
    // (a FLOW total over both quarters is partial; a STOCK total is judged on 2023Q2 alone).
    for (const u of reportingUnits(CITY)) {
      if (u.code === COUNTY) continue;
      const r = await gql(stack.gateway.url, SUBMIT, { c: u.code, q: "2023Q2" }, cityReporter);
      expect(r.errors, u.code).toBeUndefined();
    }
    partial = await partialQuarters(CITY, from, to);
    expect([...partial]).toEqual(["2023Q1"]);
    const city = await kpis(CITY, from, to);
    expectPartial(city, partial, from, to);
    const flow = city.find((s) => s.metric.id === "enrollment.remote_registration");
    const stock = city.find((s) => s.metric.id === "enrollment.rate");
    expect(flow?.total.flags).toContain("PARTIAL_REPORTING");
    expect(stock?.total.flags).not.toContain("PARTIAL_REPORTING");
    // 环比 of 2023Q2 alone is 2023Q1: partial, and says so.
    const single = await kpis(CITY, "2023Q2", "2023Q2");
    expect(single.find((s) => s.metric.id === "enrollment.rate")?.total.flags).not.toContain(
      "PARTIAL_REPORTING",
    );
    expect(single.find((s) => s.metric.id === "enrollment.rate")?.previous?.flags).toContain(
      "PARTIAL_REPORTING",
    );
  });

  it("OUTLIER: a quarter far off the county's own history is flagged, exactly where the modified z-score says", async () => {
    // The county's history as the API serves it (2022Q1–2024Q4), then a 2025Q1 report whose
    // e-voucher activation collapses to 1% of the insured while the other figures follow the trend.
    const history = await kpis(COUNTY, "2022Q1", "2024Q4");
    const byMetric = new Map(history.map((s) => [s.metric.id, s]));
    const last = stack.facts.find((f) => f.regionCode === COUNTY && f.quarter === "2024Q4");
    expect(last).toBeDefined();
    if (!last) return;
    const insured = last.insuredEmployee + last.insuredResident;
    const input = {
      regionCode: COUNTY,
      quarter: "2025Q1",
      insuredEmployee: last.insuredEmployee,
      insuredResident: last.insuredResident,
      registeredPopulation: last.registeredPopulation,
      evoucherActivated: Math.round(insured * 0.01),
      settlementsTotal: last.settlementsTotal,
      settlementsEvoucher: Math.min(last.settlementsEvoucher, last.settlementsTotal),
      remoteRegistrations: last.remoteRegistrations,
      remoteHospitalisations: last.remoteHospitalisations,
      subsidisedPersons: 0,
      subsidyAmountYuan: "0.00",
    };
    const w = await gql(stack.gateway.url, REPORT, { input }, cityReporter);
    expect(w.errors).toBeUndefined();

    const now = await kpis(COUNTY, "2025Q1", "2025Q1");
    // Siblings (the other counties of 150700) have no 2025Q1 figures: only the own history counts.
    const siblingsWithData = children(CITY).filter((c) =>
      stack.facts.some((f) => f.regionCode === c.code && f.quarter === "2025Q1"),
    );
    expect(siblingsWithData).toEqual([]);
    let flagged = 0;
    for (const s of now) {
      if (isCompleteness(s.metric.id)) continue;
      const point = s.points[0];
      if (!point || point.value === null) continue;
      const past = quarterRange(addQuarters("2025Q1", -12), addQuarters("2025Q1", -1)).flatMap((q) => {
        const v = byMetric.get(s.metric.id)?.points.find((p) => p.quarter === q)?.value;
        return v == null ? [] : [v];
      });
      const expected = outlier(point.value, past);
      expect(point.flags.includes("OUTLIER"), `${s.metric.id}: ${point.value} vs ${past.join(", ")}`).toBe(
        expected,
      );
      expect(s.total.flags.includes("OUTLIER"), `${s.metric.id} total`).toBe(expected);
      if (expected) flagged++;
    }
    const activation = now.find((s) => s.metric.id === "enrollment.evoucher_activation");
    expect(activation?.points[0]?.flags).toContain("OUTLIER");
    expect(flagged).toBeGreaterThanOrEqual(1);
    // A figure in line with its history is not flagged.
    expect(now.find((s) => s.metric.id === "enrollment.rate")?.points[0]?.flags).not.toContain("OUTLIER");
  });

  it("OUTLIER on every county of the city in one quarter equals the rule over own history and, for rates, siblings", async () => {
    const q = "2023Q3";
    const counties = children(CITY).map((c) => c.code);
    const histories = new Map<string, Map<string, Series>>();
    for (const c of counties) {
      const list = await kpis(c, addQuarters(q, -12), q);
      histories.set(c, new Map(list.map((s) => [s.metric.id, s])));
    }
    const pointValue = (c: string, id: string, quarter: string) =>
      histories
        .get(c)
        ?.get(id)
        ?.points.find((p) => p.quarter === quarter)?.value ?? null;
    let compared = 0;
    let flagged = 0;
    for (const c of counties) {
      for (const s of await kpis(c, q, q)) {
        if (isCompleteness(s.metric.id)) continue;
        const x = s.points[0]?.value;
        if (x == null) continue;
        const past = quarterRange(addQuarters(q, -12), addQuarters(q, -1)).flatMap((p) => {
          const v = pointValue(c, s.metric.id, p);
          return v == null ? [] : [v];
        });
        const peers =
          s.metric.unit === "%"
            ? counties
                .filter((o) => o !== c)
                .flatMap((o) => {
                  const v = pointValue(o, s.metric.id, q);
                  return v == null ? [] : [v];
                })
            : [];
        const expected = outlier(x, past) || outlier(x, peers);
        expect(s.points[0]?.flags.includes("OUTLIER"), `${c} ${s.metric.id}`).toBe(expected);
        compared++;
        if (expected) flagged++;
      }
    }
    expect(compared).toBeGreaterThan(counties.length * 5);
    // the synthetic demo is smooth: outliers are rare, never the rule
    expect(flagged).toBeLessThan(compared / 10);
  });

  it("OUTLIER against siblings: a rate in line with its own history but far from every other county's is flagged", async () => {
    const q = "2025Q3";
    const target = "150702";
    const counties = children(CITY).map((c) => c.code);
    const base = (code: string) => stack.facts.find((f) => f.regionCode === code && f.quarter === "2024Q4");
    // Every other county reports near-universal e-voucher activation (99.0%–99.9%); the target county
    // reports its 2024Q4 figures unchanged.
    for (const [i, c] of counties.entries()) {
      const f = base(c);
      expect(f, c).toBeDefined();
      if (!f) continue;
      const insured = f.insuredEmployee + f.insuredResident;
      const activated = c === target ? f.evoucherActivated : Math.floor((insured * (990 + (i % 10))) / 1000);
      const input = {
        regionCode: c,
        quarter: q,
        insuredEmployee: f.insuredEmployee,
        insuredResident: f.insuredResident,
        registeredPopulation: f.registeredPopulation,
        evoucherActivated: activated,
        settlementsTotal: f.settlementsTotal,
        settlementsEvoucher: f.settlementsEvoucher,
        remoteRegistrations: f.remoteRegistrations,
        remoteHospitalisations: f.remoteHospitalisations,
        subsidisedPersons: 0,
        subsidyAmountYuan: "0.00",
      };
      const w = await gql(stack.gateway.url, REPORT, { input }, cityReporter);
      expect(w.errors, c).toBeUndefined();
    }
    const id = "enrollment.evoucher_activation";
    const activationPoints = async (c: string, from: string, to: string) =>
      (await kpis(c, from, to)).find((s) => s.metric.id === id)?.points ?? [];
    const own = await activationPoints(target, addQuarters(q, -12), q);
    const x = own.find((p) => p.quarter === q)?.value ?? null;
    expect(x).not.toBeNull();
    const past = own.filter((p) => p.quarter !== q && p.value !== null).map((p) => p.value as number);
    const peers: number[] = [];
    for (const c of counties) {
      if (c === target) continue;
      const v = (await activationPoints(c, q, q))[0]?.value;
      if (v != null) peers.push(v);
    }
    // independently: normal against its own history, an outlier against its siblings
    expect(outlier(x as number, past)).toBe(false);
    expect(outlier(x as number, peers)).toBe(true);
    expect(own.find((p) => p.quarter === q)?.flags).toContain("OUTLIER");
    // asked by the county itself (its siblings are outside its scope): no sibling comparison, no flag
    const countyViewer = await token({ sub: "county-viewer", scope: target, roles: ["viewer"] });
    const r = await gql<Kpis>(stack.gateway.url, KPIS, { code: target, from: q, to: q }, countyViewer);
    expect(r.errors).toBeUndefined();
    const mine = r.data?.region?.enrollmentKpis.find((s) => s.metric.id === id)?.points[0];
    expect(mine?.value).toBe(x);
    expect(mine?.flags).not.toContain("OUTLIER");
  });
});
