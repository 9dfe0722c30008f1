import { children, isInSubtree } from "@hsa/regions";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, gql, SECRET, type Stack, startStack, token } from "./stack";

interface KpiValue {
  quarter: string | null;
  numerator: number;
  denominator: number | null;
  value: number | null;
  status: string;
}
interface Series {
  metric: { id: string; aggregation: string };
  total: KpiValue;
  points: KpiValue[];
}
interface RegionKpis {
  region: { code: string; name: string; enrollmentKpis: Series[] } | null;
}

const KPIS = /* GraphQL */ `
  query Kpis($code: ID!, $from: Quarter!, $to: Quarter!, $metrics: [ID!]) {
    region(code: $code) {
      code
      name
      enrollmentKpis(from: $from, to: $to, metrics: $metrics) {
        metric { id aggregation }
        total { quarter numerator denominator value status }
        points { quarter numerator denominator value status }
      }
    }
  }
`;

const REPORT = /* GraphQL */ `
  mutation Report($input: EnrollmentReportInput!) {
    reportEnrollment(input: $input) { changed report { regionCode quarter insuredEmployee subsidyAmountYuan } }
  }
`;
const READ = /* GraphQL */ `
  query Read($code: ID!, $quarter: Quarter!) {
    enrollmentReport(regionCode: $code, quarter: $quarter) { insuredEmployee settlementsTotal subsidyAmountYuan }
    enrollmentAudit(regionCode: $code, quarter: $quarter) { actorSub oldValue newValue }
  }
`;

function validReport(regionCode: string, quarter: string) {
  return {
    regionCode,
    quarter,
    insuredEmployee: 41_200,
    insuredResident: 98_700,
    registeredPopulation: 146_000,
    evoucherActivated: 88_100,
    settlementsTotal: 70_000,
    settlementsEvoucher: 21_000,
    remoteRegistrations: 1_650,
    remoteHospitalisations: 1_700,
    subsidisedPersons: 8_102,
    subsidyAmountYuan: "908900.00",
  };
}

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("enrollment through the gateway on %s", (kind) => {
  let stack: Stack;
  let national: string;
  let city: string;
  let reporter: string;

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined);
    national = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
    city = await token({ sub: "hulunbuir", scope: "150700", roles: ["viewer"] });
    reporter = await token({
      sub: "ewenki-reporter",
      name: "鄂温克旗填报员",
      scope: "150724",
      roles: ["viewer", "reporter"],
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("reproduces 屈原管理区 2022 remote-care registration: 2463 / 2582 = 95.39%", async () => {
    const r = await gql<RegionKpis>(
      stack.gateway.url,
      KPIS,
      { code: "430671", from: "2022Q1", to: "2022Q4", metrics: ["enrollment.remote_registration"] },
      national,
    );
    expect(r.errors).toBeUndefined();
    const series = r.data?.region?.enrollmentKpis[0];
    expect(series?.metric.id).toBe("enrollment.remote_registration");
    expect(series?.total.numerator).toBe(2463);
    expect(series?.total.denominator).toBe(2582);
    expect(series?.total.value?.toFixed(2)).toBe("95.39");
    expect(series?.total.quarter).toBeNull();
    expect(series?.points.map((p) => p.quarter)).toEqual(["2022Q1", "2022Q2", "2022Q3", "2022Q4"]);
  });

  it("describes each series' metric exactly as the catalogue does (precision, English unit, band and maximum included)", async () => {
    // KpiSeries.metric used to hand back the raw declaration: a KPI without a declared precision
    // failed `metric { precision }` (Int!) for anyone who asked, e.g. in 数据查询.
    const FIELDS = "id precision targetLow targetHigh maximum target unit unitEn";
    const r = await gql<{
      enrollmentMetrics: Record<string, unknown>[];
      region: { enrollmentKpis: { metric: Record<string, unknown> }[] };
    }>(
      stack.gateway.url,
      `query M { enrollmentMetrics { ${FIELDS} }
        region(code: "150700") { enrollmentKpis(from: "2023Q1", to: "2023Q4") { metric { ${FIELDS} } } } }`,
      {},
      national,
    );
    expect(r.errors).toBeUndefined();
    const series = r.data?.region.enrollmentKpis.map((s) => s.metric) ?? [];
    expect(series.length).toBeGreaterThan(5);
    for (const m of series) {
      expect(Number.isInteger(m.precision)).toBe(true);
      expect(m).toEqual(r.data?.enrollmentMetrics.find((c) => c.id === m.id));
    }
  });

  it("rolls 岳阳市 up as Σ numerators / Σ denominators of its counties, not an average of rates", async () => {
    const counties = children("430600").map((c) => c.code);
    const rows = stack.facts.filter((f) => counties.includes(f.regionCode) && f.quarter.startsWith("2022"));
    const num = rows.reduce((s, f) => s + f.remoteRegistrations, 0);
    const den = rows.reduce((s, f) => s + f.remoteHospitalisations, 0);
    const vars = { from: "2022Q1", to: "2022Q4", metrics: ["enrollment.remote_registration"] };
    const city = await gql<RegionKpis>(stack.gateway.url, KPIS, { ...vars, code: "430600" }, national);
    const total = city.data?.region?.enrollmentKpis[0]?.total;
    expect(total?.numerator).toBe(num);
    expect(total?.denominator).toBe(den);
    expect(total?.value).toBeCloseTo((100 * num) / den, 9);
    // The same figure from the counties' own KPI answers through the graph.
    let n2 = 0;
    let d2 = 0;
    const rates: number[] = [];
    for (const code of counties) {
      const r = await gql<RegionKpis>(stack.gateway.url, KPIS, { ...vars, code }, national);
      const t = r.data?.region?.enrollmentKpis[0]?.total;
      n2 += t?.numerator ?? 0;
      d2 += t?.denominator ?? 0;
      if (t?.value != null) rates.push(t.value);
    }
    expect([n2, d2]).toEqual([num, den]);
    const mean = rates.reduce((s, v) => s + v, 0) / rates.length;
    expect(Math.abs((total?.value ?? 0) - mean)).toBeGreaterThan(1e-6);
  });

  it("takes the last quarter for a stock (enrollment.rate, subsidised persons within a year)", async () => {
    const r = await gql<RegionKpis>(
      stack.gateway.url,
      KPIS,
      {
        code: "150700",
        from: "2023Q1",
        to: "2023Q4",
        metrics: ["enrollment.rate", "enrollment.subsidised_persons"],
      },
      national,
    );
    expect(r.errors).toBeUndefined();
    const [rate, subsidised] = r.data?.region?.enrollmentKpis ?? [];
    expect(rate?.metric.aggregation).toBe("STOCK");
    const q4 = rate?.points[3];
    expect(q4?.quarter).toBe("2023Q4");
    expect(rate?.total.numerator).toBe(q4?.numerator);
    expect(rate?.total.denominator).toBe(q4?.denominator);
    expect(rate?.total.value).toBe(q4?.value);
    expect(rate?.total.numerator).not.toBe(rate?.points.reduce((s, p) => s + p.numerator, 0));
    // subsidised persons: per 参保年度, a stock within the year (year to date), the last quarter's
    expect(subsidised?.metric.aggregation).toBe("STOCK");
    expect(subsidised?.total.numerator).toBe(subsidised?.points[3]?.numerator);
  });

  it("counts subsidised persons per 参保年度: year to date within a year, never summed across years (issue 15)", async () => {
    const persons = async (code: string, from: string, to: string) => {
      const r = await gql<RegionKpis>(
        stack.gateway.url,
        KPIS,
        { code, from, to, metrics: ["enrollment.subsidised_persons"] },
        national,
      );
      expect(r.errors).toBeUndefined();
      const s = r.data?.region?.enrollmentKpis[0];
      return { total: s?.total.numerator, points: s?.points.map((p) => p.numerator) ?? [] };
    };
    // the seed: 鄂温克族自治旗 2023H1 — 8,102 in Q1 and 559 more in Q2 = 8,661 persons
    expect(await persons("150724", "2023Q1", "2023Q2")).toEqual({ total: 8_661, points: [8_102, 8_661] });
    expect((await persons("150724", "2023Q2", "2023Q2")).total).toBe(8_661);
    // across years: only the last year's persons, never the sum of two 参保年度
    for (const code of ["150724", "150700"]) {
      const year = await persons(code, "2023Q1", "2023Q4");
      expect((await persons(code, "2022Q1", "2023Q4")).total, code).toBe(year.total);
      const h1 = await persons(code, "2023Q1", "2023Q2");
      const across = await persons(code, "2022Q3", "2023Q2");
      expect(across.total, code).toBe(h1.total);
      expect(across.points[1], code).toBeGreaterThanOrEqual(across.points[0] ?? 0); // 2022Q4 ≥ 2022Q3 (YTD)
      expect(across.points[2], code).toBeLessThanOrEqual(h1.total ?? 0); // 2023Q1 restarts the year
    }
  });

  it("rejects a malformed quarter and an unknown metric with BAD_USER_INPUT", async () => {
    const bad = await gql(
      stack.gateway.url,
      KPIS,
      { code: "430671", from: "2023Q5", to: "2023Q4" },
      national,
    );
    expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    const unknown = await gql(
      stack.gateway.url,
      KPIS,
      { code: "430671", from: "2023Q1", to: "2023Q4", metrics: ["enrollment.nope"] },
      national,
    );
    expect(unknown.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    expect(unknown.errors?.[0]?.message).toContain("enrollment.nope");
  });

  for (const target of ["gateway", "subgraph"] as const) {
    describe(`scope and authentication, calling the ${target} directly`, () => {
      const url = () => (target === "gateway" ? stack.gateway.url : stack.enrollment.url);

      it("gives a 150700 token FORBIDDEN and no data for 430600", async () => {
        const r = await gql<RegionKpis>(url(), KPIS, { code: "430600", from: "2023Q1", to: "2023Q4" }, city);
        expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
        expect(r.data?.region ?? null).toBeNull();
      });

      it("lists only 1507xx regions to a 150700 token", async () => {
        const r = await gql<{
          regions: { code: string; children: { code: string }[] }[];
          all: { code: string }[];
        }>(
          url(),
          `{ regions(parent: "150700") { code children { code } } all: regions(parent: "000000", level: COUNTY) { code } }`,
          {},
          city,
        );
        expect(r.errors).toBeUndefined();
        const codes = [
          ...(r.data?.regions ?? []).map((x) => x.code),
          ...(r.data?.all ?? []).map((x) => x.code),
        ];
        expect(codes.length).toBeGreaterThan(10);
        for (const code of codes) expect(code.startsWith("1507")).toBe(true);
        const other = await gql<{ regions: unknown[] }>(
          url(),
          `{ regions(parent: "430000") { code } }`,
          {},
          city,
        );
        expect(other.data?.regions).toEqual([]);
      });

      it("answers UNAUTHENTICATED without a token and with a bad signature", async () => {
        const none = await gql(url(), `{ regions { code } }`, {}, null);
        expect(none.status).toBe(401);
        expect(none.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
        const forged = await token(
          { sub: "x", scope: "000000", roles: ["admin"] },
          "another-secret-that-is-long-enough-0123456789",
        );
        const bad = await gql(url(), `{ regions { code } }`, {}, forged);
        expect(bad.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
        expect(bad.data ?? null).toBeNull();
        const expired = await token(
          { sub: "x", scope: "000000" },
          SECRET,
          Math.floor(Date.now() / 1000) - 60,
        );
        const old = await gql(url(), `{ regions { code } }`, {}, expired);
        expect(old.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
      });

      it("shows nothing to a token without a scope", async () => {
        const noScope = await token({ sub: "nobody", roles: ["viewer"] });
        const list = await gql<{ regions: unknown[] }>(
          url(),
          `{ regions { code } counties: regions(parent: "000000") { code } }`,
          {},
          noScope,
        );
        expect(list.errors).toBeUndefined();
        expect(list.data).toEqual({ regions: [], counties: [] });
        const one = await gql<RegionKpis>(
          url(),
          KPIS,
          { code: "430671", from: "2022Q1", to: "2022Q4" },
          noScope,
        );
        expect(one.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
        expect(one.data?.region ?? null).toBeNull();
      });
    });
  }

  describe("reportEnrollment", () => {
    async function read(code: string, quarter: string) {
      const r = await gql<{
        enrollmentReport: {
          insuredEmployee: number;
          settlementsTotal: number;
          subsidyAmountYuan: string;
        } | null;
        enrollmentAudit: { actorSub: string; oldValue: string | null; newValue: string }[];
      }>(stack.gateway.url, READ, { code, quarter }, national);
      expect(r.errors).toBeUndefined();
      return r.data;
    }

    it("rejects bad reports with a typed error and writes nothing", async () => {
      const cityReporter = await token({ sub: "city-reporter", scope: "150700", roles: ["reporter"] });
      const before = await read("150724", "2024Q3");
      const cases: [string, Record<string, unknown>, string, string][] = [
        [
          "negative count",
          { ...validReport("150724", "2024Q3"), insuredResident: -5 },
          reporter,
          "BAD_USER_INPUT",
        ],
        ["future quarter", validReport("150724", "2099Q1"), reporter, "BAD_USER_INPUT"],
        ["city-level code", validReport("150700", "2024Q3"), cityReporter, "BAD_USER_INPUT"],
        ["county outside scope", validReport("150721", "2024Q3"), reporter, "FORBIDDEN"],
        ["viewer without the reporter role", validReport("150724", "2024Q3"), city, "FORBIDDEN"],
        [
          "e-voucher settlements above all settlements",
          { ...validReport("150724", "2024Q3"), settlementsEvoucher: 80_000 },
          reporter,
          "BAD_USER_INPUT",
        ],
        [
          "malformed amount",
          { ...validReport("150724", "2024Q3"), subsidyAmountYuan: "12.345" },
          reporter,
          "BAD_USER_INPUT",
        ],
      ];
      for (const [what, input, who, code] of cases) {
        const r = await gql(stack.gateway.url, REPORT, { input }, who);
        expect(r.errors?.[0]?.extensions?.code, what).toBe(code);
        expect(r.data ?? null, what).toBeNull();
      }
      expect(await read("150724", "2024Q3")).toEqual(before);
      expect((await read("150724", "2099Q1"))?.enrollmentReport ?? null).toBeNull();
      expect((await read("150721", "2024Q3"))?.enrollmentReport).toEqual(
        (await read("150721", "2024Q3"))?.enrollmentReport,
      );
      const cityRow = await read("150700", "2024Q3");
      expect(cityRow?.enrollmentReport ?? null).toBeNull();
    });

    it("is idempotent and audits a change (old → new)", async () => {
      const input = validReport("150724", "2025Q1");
      const first = await gql<{ reportEnrollment: { changed: boolean } }>(
        stack.gateway.url,
        REPORT,
        { input },
        reporter,
      );
      expect(first.errors).toBeUndefined();
      expect(first.data?.reportEnrollment.changed).toBe(true);
      const again = await gql<{ reportEnrollment: { changed: boolean } }>(
        stack.gateway.url,
        REPORT,
        { input },
        reporter,
      );
      expect(again.data?.reportEnrollment.changed).toBe(false);
      let state = await read("150724", "2025Q1");
      expect(state?.enrollmentReport?.subsidyAmountYuan).toBe("908900.00");
      expect(state?.enrollmentAudit).toHaveLength(1);
      expect(state?.enrollmentAudit[0]?.oldValue).toBeNull();

      const changed = await gql<{ reportEnrollment: { changed: boolean } }>(
        stack.gateway.url,
        REPORT,
        { input: { ...input, insuredEmployee: 41_250 } },
        reporter,
      );
      expect(changed.data?.reportEnrollment.changed).toBe(true);
      state = await read("150724", "2025Q1");
      expect(state?.enrollmentReport?.insuredEmployee).toBe(41_250);
      expect(state?.enrollmentAudit).toHaveLength(2);
      const latest = state?.enrollmentAudit[0];
      expect(latest?.actorSub).toBe("ewenki-reporter");
      expect(JSON.parse(latest?.oldValue ?? "{}").insuredEmployee).toBe(41_200);
      expect(JSON.parse(latest?.newValue ?? "{}").insuredEmployee).toBe(41_250);
    });

    it("feeds a reported figure into the KPIs of the county and its city", async () => {
      const q = "2025Q2";
      const before = await gql<RegionKpis>(
        stack.gateway.url,
        KPIS,
        { code: "150700", from: q, to: q, metrics: ["enrollment.subsidised_persons"] },
        national,
      );
      expect(before.data?.region?.enrollmentKpis[0]?.total.status).toBe("NO_DATA");
      await gql(stack.gateway.url, REPORT, { input: validReport("150724", q) }, reporter);
      const after = await gql<RegionKpis>(
        stack.gateway.url,
        KPIS,
        { code: "150700", from: q, to: q, metrics: ["enrollment.subsidised_persons"] },
        national,
      );
      // subsidised persons are year to date within the 参保年度: 2025Q1's persons plus the 8,102 reported
      const q1 = await gql<RegionKpis>(
        stack.gateway.url,
        KPIS,
        { code: "150700", from: "2025Q1", to: "2025Q1", metrics: ["enrollment.subsidised_persons"] },
        national,
      );
      const earlier = q1.data?.region?.enrollmentKpis[0]?.total.numerator ?? 0;
      expect(after.data?.region?.enrollmentKpis[0]?.total.numerator).toBe(earlier + 8_102);
      expect(isInSubtree("150724", "150700")).toBe(true);
    });
  });
});
