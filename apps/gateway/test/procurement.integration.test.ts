import type { PurchaseFacts } from "@hsa/demo-data";
import { isInSubtree } from "@hsa/regions";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, gql, type Stack, startStack, token } from "./stack";

interface KpiValue {
  numerator: number;
  denominator: number | null;
  value: number | null;
  status: string;
}
interface Series {
  metric: { id: string };
  total: KpiValue;
}
interface RegionKpis {
  region: { procurementKpis: Series[] } | null;
}

const KPIS = /* GraphQL */ `
  query P($code: ID!, $from: Quarter!, $to: Quarter!, $metrics: [ID!]) {
    region(code: $code) {
      procurementKpis(from: $from, to: $to, metrics: $metrics) {
        metric { id }
        total { numerator denominator value status }
      }
    }
  }
`;
const RATES = [
  "procurement.network_rate.drug",
  "procurement.network_rate.consumable_separate",
  "procurement.network_rate.consumable_non_separate",
];
const CATEGORY: Record<string, PurchaseFacts["category"]> = {
  "procurement.network_rate.drug": "DRUG",
  "procurement.network_rate.consumable_separate": "CONSUMABLE_SEPARATE",
  "procurement.network_rate.consumable_non_separate": "CONSUMABLE_NON_SEPARATE",
};
const REPORT = /* GraphQL */ `
  mutation R($input: ReportPurchasesInput!) {
    reportPurchases(input: $input) { changed purchases { category totalYuan networkYuan reportedOffNetworkYuan networkRate } }
  }
`;
const PURCHASES = /* GraphQL */ `
  query Q($id: ID!, $from: Quarter!, $to: Quarter!) {
    institution(id: $id) { id name kind region { code name } purchases(from: $from, to: $to) { quarter category totalYuan networkYuan } }
  }
`;

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("procurement through the gateway on %s", (kind) => {
  let stack: Stack;
  let national: string;
  let reporter: string;
  let cityReporter: string;

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      enrollmentScopes: ["150700"],
      supervisionScopes: ["150000", "430671"],
      procurementScopes: ["150000", "430671"],
      procurementRange: { from: "2023Q1", to: "2023Q4" },
    });
    national = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
    reporter = await token({ sub: "ewenki", scope: "150724", roles: ["viewer", "reporter"] });
    cityReporter = await token({ sub: "hulunbuir", scope: "150700", roles: ["viewer", "reporter"] });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("reproduces 鄂温克族自治旗 2023Q1: drugs 97.12, separately chargeable 91.46, non-separately 57.56", async () => {
    const r = await gql<RegionKpis>(
      stack.gateway.url,
      KPIS,
      { code: "150724", from: "2023Q1", to: "2023Q1", metrics: RATES },
      national,
    );
    expect(r.errors).toBeUndefined();
    const byId = Object.fromEntries(
      (r.data?.region?.procurementKpis ?? []).map((s) => [s.metric.id, s.total]),
    );
    expect(byId["procurement.network_rate.drug"]).toMatchObject({
      numerator: 8_143_100 + 353_800,
      denominator: 8_748_900,
    });
    expect(byId["procurement.network_rate.drug"]?.value?.toFixed(2)).toBe("97.12");
    expect(byId["procurement.network_rate.consumable_separate"]).toMatchObject({
      numerator: 2_725_900,
      denominator: 2_980_300,
    });
    expect(byId["procurement.network_rate.consumable_separate"]?.value?.toFixed(2)).toBe("91.46");
    expect(byId["procurement.network_rate.consumable_non_separate"]).toMatchObject({
      numerator: 1_142_900,
      denominator: 1_985_700,
    });
    expect(byId["procurement.network_rate.consumable_non_separate"]?.value?.toFixed(2)).toBe("57.56");
  });

  it("rolls 呼伦贝尔市 and 内蒙古 up as Σ/Σ over their institutions (computed independently)", async () => {
    for (const code of ["150700", "150000"]) {
      const r = await gql<RegionKpis>(
        stack.gateway.url,
        KPIS,
        { code, from: "2023Q1", to: "2023Q4", metrics: RATES },
        national,
      );
      expect(r.errors).toBeUndefined();
      for (const s of r.data?.region?.procurementKpis ?? []) {
        const rows = stack.procurement.purchases.filter(
          (p) => p.category === CATEGORY[s.metric.id] && isInSubtree(p.regionCode, code),
        );
        const num = rows.reduce((a, p) => a + p.networkFen + p.reportedOffNetworkFen, 0n);
        const den = rows.reduce((a, p) => a + p.totalFen, 0n);
        expect(rows.length).toBeGreaterThan(0);
        expect(Math.round(s.total.numerator * 100)).toBe(Number(num));
        expect(Math.round((s.total.denominator ?? 0) * 100)).toBe(Number(den));
        expect(s.total.value).toBeCloseTo((100 * Number(num)) / Number(den), 9);
      }
    }
  });

  it("reports VBP completion cumulatively against agreed volumes (屈原 above 200%)", async () => {
    const q = "2023Q3";
    const r = await gql<RegionKpis>(
      stack.gateway.url,
      KPIS,
      {
        code: "430671",
        from: q,
        to: q,
        metrics: ["procurement.vbp_completion", "procurement.vbp_behind_schedule"],
      },
      national,
    );
    expect(r.errors).toBeUndefined();
    const [completion, behind] = r.data?.region?.procurementKpis ?? [];
    // Independent computation from the loaded facts: agreements in force at the end of Q3.
    const qEnd = "2023-09-30";
    const qStart = "2023-07-01";
    const active = stack.procurement.agreements.filter(
      (a) => a.regionCode === "430671" && a.startDate <= qEnd && a.endDate >= qStart,
    );
    const agreed = active.reduce((s, a) => s + a.agreedVolume, 0);
    const purchased = active.reduce(
      (s, a) =>
        s +
        stack.procurement.progress
          .filter(
            (p) =>
              p.institutionId === a.institutionId &&
              p.productId === a.productId &&
              p.quarter >= a.startQuarter &&
              p.quarter <= q,
          )
          .reduce((t, p) => t + p.purchasedVolume, 0),
      0,
    );
    expect(completion?.total.denominator).toBe(agreed);
    expect(completion?.total.numerator).toBe(purchased);
    expect(completion?.total.value ?? 0).toBeGreaterThan(100);
    expect(behind?.total.numerator).toBe(0);

    // A finished agreement year: 屈原's hospitals bought more than 200% of the agreed volume.
    const hospital = active[0]?.institutionId ?? "";
    const v = await gql<{
      institution: {
        vbpProgress: {
          batchId: string;
          startDate: string;
          completion: number;
          elapsedProgress: number;
          behindSchedule: boolean;
        }[];
      };
    }>(
      stack.gateway.url,
      `query V($id: ID!) { institution(id: $id) { vbpProgress(quarter: "2023Q4") { batchId startDate completion elapsedProgress behindSchedule } } }`,
      { id: hospital },
      national,
    );
    expect(v.errors).toBeUndefined();
    const finished =
      v.data?.institution.vbpProgress.filter(
        (p) => p.batchId === "national-7" && p.startDate === "2022-11-01",
      ) ?? [];
    expect(finished.length).toBeGreaterThan(0);
    for (const p of finished) {
      expect(p.elapsedProgress).toBe(100);
      expect(p.completion).toBeGreaterThan(200);
      expect(p.behindSchedule).toBe(false);
    }
  });

  it("judges VBP completion against 序时进度 of the agreement's own year: 50% at the end of its 2nd quarter → MET, expected 50 (issue 15)", async () => {
    const db = stack.handles.procurement?.db;
    if (!db) throw new Error("no procurement database");
    // 东城区 has no demo VBP data: one agreement starting in July (not the calendar year), half purchased by December
    await db.execute(`insert into procurement.vbp_agreement
        (institution_id, region_code, product_id, start_date, end_date, start_quarter, agreed_volume)
      values ('110101-H-901', '110101', 'national-7-01', '2023-07-01', '2024-06-30', '2023Q3', 1000)`);
    await db.execute(`insert into procurement.vbp_progress
        (institution_id, region_code, product_id, quarter, purchased_volume, reported_by)
      values ('110101-H-901', '110101', 'national-7-01', '2023Q3', 250, 'test'),
             ('110101-H-901', '110101', 'national-7-01', '2023Q4', 250, 'test')`);
    const judged = async (q: string) => {
      const r = await gql<{
        region: { procurementKpis: { total: KpiValue & { expected: number | null } }[] };
      }>(
        stack.gateway.url,
        `query($q: Quarter!) { region(code: "110101") { procurementKpis(from: $q, to: $q,
           metrics: ["procurement.vbp_completion"]) { total { numerator denominator value status expected } } } }`,
        { q },
        national,
      );
      expect(r.errors).toBeUndefined();
      return r.data?.region.procurementKpis[0]?.total;
    };
    // the calendar year would expect 100 at 2023Q4 (MISSED); the agreement's own year expects 50
    expect(await judged("2023Q4")).toMatchObject({
      numerator: 500,
      denominator: 1000,
      value: 50,
      status: "MET",
    });
    expect((await judged("2023Q4"))?.expected).toBeCloseTo(50, 1);
    expect((await judged("2023Q3"))?.expected).toBeCloseTo(25, 1);
  });

  it("counts institutions behind schedule: completion below 80% of the elapsed share of the year", async () => {
    const q = "2023Q3";
    const qStart = "2023-07-01";
    const qEnd = "2023-09-30";
    const day = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;
    const perInstitution = new Map<string, { purchased: number; due: number }>();
    for (const a of stack.procurement.agreements) {
      if (!isInSubtree(a.regionCode, "150000") || a.startDate > qEnd || a.endDate < qStart) continue;
      const purchased = stack.procurement.progress
        .filter(
          (p) =>
            p.institutionId === a.institutionId &&
            p.productId === a.productId &&
            p.quarter >= a.startQuarter &&
            p.quarter <= q,
        )
        .reduce((t, p) => t + p.purchasedVolume, 0);
      const elapsed = Math.min(
        1,
        (day(qEnd) - day(a.startDate) + 1) / (day(a.endDate) - day(a.startDate) + 1),
      );
      const cur = perInstitution.get(a.institutionId) ?? { purchased: 0, due: 0 };
      perInstitution.set(a.institutionId, {
        purchased: cur.purchased + purchased,
        due: cur.due + elapsed * a.agreedVolume,
      });
    }
    const expected = [...perInstitution.values()].filter((v) => v.purchased < 0.8 * v.due).length;
    expect(expected).toBeGreaterThan(0);
    const r = await gql<RegionKpis>(
      stack.gateway.url,
      KPIS,
      { code: "150000", from: q, to: q, metrics: ["procurement.vbp_behind_schedule"] },
      national,
    );
    expect(r.data?.region?.procurementKpis[0]?.total.numerator).toBe(expected);
    expect(r.data?.region?.procurementKpis[0]?.total.status).toBe("MISSED");
  });

  it("returns an institution from supervision together with its purchases from procurement", async () => {
    const r = await gql<{
      institution: {
        name: string;
        region: { code: string };
        purchases: { category: string; totalYuan: string }[];
      };
    }>(stack.gateway.url, PURCHASES, { id: "150724-H-001", from: "2023Q1", to: "2023Q1" }, national);
    expect(r.errors).toBeUndefined();
    expect(r.data?.institution.name.length).toBeGreaterThan(0);
    expect(r.data?.institution.region.code).toBe("150724");
    const expected = stack.procurement.purchases.filter(
      (p) => p.institutionId === "150724-H-001" && p.quarter === "2023Q1",
    );
    expect(r.data?.institution.purchases.map((p) => p.category).sort()).toEqual(
      expected.map((p) => p.category).sort(),
    );
  });

  describe("reportPurchases and reportVbpProgress", () => {
    const readBack = async (id: string, quarter: string) => {
      const r = await gql<{
        institution: { purchases: { category: string; totalYuan: string; networkYuan: string }[] } | null;
      }>(stack.gateway.url, PURCHASES, { id, from: quarter, to: quarter }, national);
      return r.data?.institution?.purchases ?? [];
    };
    const item = {
      category: "DRUG",
      totalYuan: "100000.00",
      networkYuan: "90000.00",
      reportedOffNetworkYuan: "5000.00",
    };

    it("stores a report once (idempotent) and applies it to the KPIs", async () => {
      const input = { institutionId: "150724-H-001", quarter: "2025Q1", items: [item] };
      const first = await gql<{ reportPurchases: { changed: number; purchases: { networkRate: number }[] } }>(
        stack.gateway.url,
        REPORT,
        { input },
        reporter,
      );
      expect(first.errors).toBeUndefined();
      expect(first.data?.reportPurchases.changed).toBe(1);
      expect(first.data?.reportPurchases.purchases[0]?.networkRate).toBeCloseTo(95, 9);
      const again = await gql<{ reportPurchases: { changed: number } }>(
        stack.gateway.url,
        REPORT,
        { input },
        reporter,
      );
      expect(again.data?.reportPurchases.changed).toBe(0);
      expect(await readBack("150724-H-001", "2025Q1")).toEqual([
        { quarter: "2025Q1", category: "DRUG", totalYuan: "100000.00", networkYuan: "90000.00" },
      ]);
    });

    it("rejects bad reports with typed errors and writes nothing", async () => {
      const other = stack.supervision.institutions.find((i) => i.regionCode === "430671");
      expect(other).toBeDefined();
      const cases: [string, Record<string, unknown>, string, string][] = [
        [
          "network above total",
          { institutionId: "150724-H-002", quarter: "2025Q1", items: [{ ...item, networkYuan: "99000.00" }] },
          reporter,
          "BAD_USER_INPUT",
        ],
        [
          "second item bad",
          {
            institutionId: "150724-H-002",
            quarter: "2025Q1",
            items: [item, { ...item, category: "CONSUMABLE_SEPARATE", totalYuan: "-1" }],
          },
          reporter,
          "BAD_USER_INPUT",
        ],
        [
          "unknown institution",
          { institutionId: "150724-H-999", quarter: "2025Q1", items: [item] },
          reporter,
          "BAD_USER_INPUT",
        ],
        [
          "outside scope",
          { institutionId: other?.id, quarter: "2025Q1", items: [item] },
          cityReporter,
          "FORBIDDEN",
        ],
        [
          "future quarter",
          { institutionId: "150724-H-002", quarter: "2099Q1", items: [item] },
          reporter,
          "BAD_USER_INPUT",
        ],
        [
          "viewer only",
          { institutionId: "150724-H-002", quarter: "2025Q1", items: [item] },
          national,
          "FORBIDDEN",
        ],
      ];
      for (const [what, input, who, code] of cases) {
        const r = await gql(stack.gateway.url, REPORT, { input }, who);
        expect(r.errors?.[0]?.extensions?.code, what).toBe(code);
      }
      expect(await readBack("150724-H-002", "2025Q1")).toEqual([]);
      expect(await readBack(other?.id ?? "", "2025Q1")).toEqual([]);
    });

    it("rejects a negative VBP volume and a product without an agreement", async () => {
      const mutation = `mutation V($input: ReportVbpProgressInput!) { reportVbpProgress(input: $input) { changed progress { completion } } }`;
      const agreement = stack.procurement.agreements.find((a) => a.regionCode === "150724");
      expect(agreement).toBeDefined();
      const base = {
        institutionId: agreement?.institutionId,
        productId: agreement?.productId,
        quarter: agreement?.startQuarter,
      };
      const negative = await gql(
        stack.gateway.url,
        mutation,
        { input: { ...base, purchasedVolume: -5 } },
        reporter,
      );
      expect(negative.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const none = await gql(
        stack.gateway.url,
        mutation,
        { input: { ...base, quarter: "2021Q1", purchasedVolume: 5 } },
        reporter,
      );
      expect(none.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const ok = await gql<{ reportVbpProgress: { changed: boolean; progress: { completion: number } } }>(
        stack.gateway.url,
        mutation,
        { input: { ...base, purchasedVolume: 1234 } },
        reporter,
      );
      expect(ok.errors).toBeUndefined();
      expect(ok.data?.reportVbpProgress.changed).toBe(true);
      expect(ok.data?.reportVbpProgress.progress.completion).toBeGreaterThan(0);
    });
  });
});
