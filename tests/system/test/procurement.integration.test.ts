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
