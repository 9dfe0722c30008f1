// Inspection coverage with the tiered targets of DESIGN §5 (三级 hospitals 100%, 二级 ≥ 50%), through
// the gateway on PGlite and PostgreSQL, over a registry written here with the mutations: per-tier
// metrics beside the overall one, and coverage's numerator counts only institutions of its
// denominator — an institution inspected and then terminated before the quarter's end can never push
// coverage above 100%.
import { enrollmentModule } from "@hsa/enrollment";
import { supervisionModule } from "@hsa/supervision";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, gql, type Stack, startStack, token } from "./stack";

const COUNTY = "150724";
const IDS = [
  "supervision.inspection_coverage",
  "supervision.coverage_tertiary",
  "supervision.coverage_secondary",
];
const KPIS = /* GraphQL */ `
  query K($code: ID!, $from: Quarter!, $to: Quarter!, $metrics: [ID!]) {
    region(code: $code) {
      supervisionKpis(from: $from, to: $to, metrics: $metrics) {
        metric { id }
        total { numerator denominator value status target flags }
      }
    }
  }`;
const CATALOGUE = /* GraphQL */ `
  { supervisionMetrics { id unit direction targetRule target maximum precision aggregation denominatorZh } }`;
const REGISTER = /* GraphQL */ `
  mutation R($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`;
const RECORD = /* GraphQL */ `
  mutation M($input: RecordInspectionInput!) { recordInspection(input: $input) { created } }`;
const AGREEMENT = /* GraphQL */ `
  mutation A($input: UpdateAgreementInput!) { updateInstitutionAgreement(input: $input) { changed } }`;

type Tier = "III" | "II" | "I" | "PHARMACY";
/** The registry of the test: grade, the days it was inspected in 2025, its termination date if any. */
interface Inst {
  name: string;
  tier: Tier;
  inspected: string[];
  terminated?: string;
  id?: string;
}
const REGISTRY: Inst[] = [
  { name: "三级甲", tier: "III", inspected: ["2025-07-10"] },
  { name: "三级乙", tier: "III", inspected: ["2025-08-02", "2025-09-15"] },
  // inspected, then its agreement terminated before the quarter ends: in neither count
  { name: "三级丙", tier: "III", inspected: ["2025-07-20"], terminated: "2025-08-31" },
  { name: "二级甲", tier: "II", inspected: ["2025-07-11"] },
  { name: "二级乙", tier: "II", inspected: ["2025-09-01"] },
  { name: "二级丙", tier: "II", inspected: ["2025-02-14"] },
  { name: "二级丁", tier: "II", inspected: [] },
  // inspected in the first quarter and terminated in the second: not in the year's coverage
  { name: "二级戊", tier: "II", inspected: ["2025-03-03"], terminated: "2025-05-31" },
  { name: "一级甲", tier: "I", inspected: ["2025-07-30"] },
  { name: "药房甲", tier: "PHARMACY", inspected: [] },
];

/** Coverage computed here from the registry: distinct institutions designated on `end` and inspected in [from, end]. */
function expected(tiers: readonly Tier[] | null, from: string, end: string) {
  const designated = REGISTRY.filter(
    (i) => (tiers === null || tiers.includes(i.tier)) && (i.terminated === undefined || i.terminated >= end),
  );
  const inspected = designated.filter((i) => i.inspected.some((d) => d >= from && d <= end));
  return { numerator: inspected.length, denominator: designated.length };
}

type Total = {
  numerator: number;
  denominator: number | null;
  value: number | null;
  status: string;
  target: number | null;
  flags: string[];
};
const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("tiered inspection coverage on %s", (kind) => {
  let stack: Stack;
  let viewer: string;

  async function coverage(code: string, from: string, to: string): Promise<Record<string, Total>> {
    const r = await gql<{ region: { supervisionKpis: { metric: { id: string }; total: Total }[] } }>(
      stack.gateway.url,
      KPIS,
      { code, from, to, metrics: IDS },
      viewer,
    );
    expect(r.errors).toBeUndefined();
    return Object.fromEntries((r.data?.region.supervisionKpis ?? []).map((s) => [s.metric.id, s.total]));
  }

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      modules: [enrollmentModule, supervisionModule],
      enrollmentScopes: [],
    });
    viewer = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
    const reporter = await token({ sub: "ewenki", scope: COUNTY, roles: ["viewer", "reporter"] });
    for (const inst of REGISTRY) {
      const hospital = inst.tier !== "PHARMACY";
      const reg = await gql<{ registerInstitution: { id: string } }>(
        stack.gateway.url,
        REGISTER,
        {
          input: {
            name: `鄂温克旗${inst.name}${hospital ? "医院" : ""}`,
            kind: hospital ? "HOSPITAL" : "PHARMACY",
            grade: hospital ? inst.tier : null,
            ownership: "PUBLIC",
            regionCode: COUNTY,
            agreementStart: "2020-01-01",
          },
        },
        reporter,
      );
      expect(reg.errors).toBeUndefined();
      inst.id = reg.data?.registerInstitution.id;
      for (const day of inst.inspected) {
        const w = await gql(
          stack.gateway.url,
          RECORD,
          { input: { institutionId: inst.id, inspectedOn: day, kind: "ROUTINE", findings: "日常检查" } },
          reporter,
        );
        expect(w.errors).toBeUndefined();
      }
      if (inst.terminated) {
        const t = await gql(
          stack.gateway.url,
          AGREEMENT,
          { input: { institutionId: inst.id, agreementStatus: "TERMINATED", agreementEnd: inst.terminated } },
          reporter,
        );
        expect(t.errors).toBeUndefined();
      }
    }
    // 屈原管理区: one designated pharmacy, no hospital at all
    const quyuan = await token({ sub: "quyuan", scope: "430671", roles: ["viewer", "reporter"] });
    const pharmacy = await gql(
      stack.gateway.url,
      REGISTER,
      {
        input: {
          name: "屈原药房",
          kind: "PHARMACY",
          ownership: "PRIVATE",
          regionCode: "430671",
          agreementStart: "2020-01-01",
        },
      },
      quyuan,
    );
    expect(pharmacy.errors).toBeUndefined();
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("declares the tiered targets of DESIGN §5 beside the overall coverage: 三级 AT_LEAST 100, 二级 AT_LEAST 50, maximum 100", async () => {
    const r = await gql<{ supervisionMetrics: Record<string, unknown>[] }>(
      stack.gateway.url,
      CATALOGUE,
      {},
      viewer,
    );
    expect(r.errors).toBeUndefined();
    const byId = Object.fromEntries((r.data?.supervisionMetrics ?? []).map((m) => [m.id, m]));
    const common = {
      unit: "%",
      direction: "UP",
      targetRule: "AT_LEAST",
      maximum: 100,
      precision: 2,
      aggregation: "FLOW",
    };
    expect(byId["supervision.inspection_coverage"]).toMatchObject({ ...common, target: 50 });
    expect(byId["supervision.coverage_tertiary"]).toMatchObject({ ...common, target: 100 });
    expect(byId["supervision.coverage_secondary"]).toMatchObject({ ...common, target: 50 });
    expect(byId["supervision.coverage_tertiary"]?.denominatorZh).toContain("三级");
    expect(byId["supervision.coverage_secondary"]?.denominatorZh).toContain("二级");
  });

  it("a quarter: each tier over its own hospitals; the 三级 hospital inspected then terminated keeps it at 100%, never 150%", async () => {
    const q = await coverage(COUNTY, "2025Q3", "2025Q3");
    const end = "2025-09-30";
    const cases: [string, Tier[] | null][] = [
      ["supervision.inspection_coverage", null],
      ["supervision.coverage_tertiary", ["III"]],
      ["supervision.coverage_secondary", ["II"]],
    ];
    for (const [id, tiers] of cases) {
      const e = expected(tiers, "2025-07-01", end);
      expect(q[id], id).toMatchObject(e);
      expect(q[id]?.value, id).toBeCloseTo((100 * e.numerator) / e.denominator, 9);
      expect(q[id]?.value ?? 0, id).toBeLessThanOrEqual(100);
      expect(q[id]?.flags, id).not.toContain("ABOVE_MAXIMUM");
    }
    // Both designated 三级 hospitals inspected: MET at 100%; 2 of 4 designated 二级: MET at 50%.
    expect(q["supervision.coverage_tertiary"]).toMatchObject({
      numerator: 2,
      denominator: 2,
      status: "MET",
      target: 100,
    });
    expect(q["supervision.coverage_secondary"]).toMatchObject({
      numerator: 2,
      denominator: 4,
      status: "MET",
      target: 50,
    });
  });

  it("a year: distinct institutions inspected in it among those designated at its end; the city reads its county's figures", async () => {
    const year = await coverage(COUNTY, "2025Q1", "2025Q4");
    const end = "2025-12-31";
    expect(year["supervision.inspection_coverage"]).toMatchObject(expected(null, "2025-01-01", end));
    expect(year["supervision.coverage_tertiary"]).toMatchObject(expected(["III"], "2025-01-01", end));
    expect(year["supervision.coverage_secondary"]).toMatchObject(expected(["II"], "2025-01-01", end));
    // 二级: 甲, 乙, 丙 of the four designated at the year's end (戊, inspected then terminated, in neither)
    expect(year["supervision.coverage_secondary"]).toMatchObject({
      numerator: 3,
      denominator: 4,
      status: "MET",
    });
    for (const t of Object.values(year)) expect(t.numerator).toBeLessThanOrEqual(t.denominator ?? 0);
    expect(await coverage("150700", "2025Q1", "2025Q4")).toEqual(year);
  });

  it("a quarter without a 三级 inspection: tertiary 0% MISSED against 100; 二级 2 of 5 (40%) MISSED against 50", async () => {
    const q1 = await coverage(COUNTY, "2025Q1", "2025Q1");
    const end = "2025-03-31";
    const tertiary = expected(["III"], "2025-01-01", end);
    const secondary = expected(["II"], "2025-01-01", end);
    expect(tertiary).toEqual({ numerator: 0, denominator: 3 });
    expect(secondary).toEqual({ numerator: 2, denominator: 5 });
    expect(q1["supervision.coverage_tertiary"]).toMatchObject({ ...tertiary, value: 0, status: "MISSED" });
    expect(q1["supervision.coverage_secondary"]).toMatchObject({ ...secondary, status: "MISSED" });
    expect(q1["supervision.coverage_secondary"]?.value).toBeCloseTo(40, 9);
  });

  it("a region without a designated hospital of a grade has no value for that tier (NO_DATA), not 0%", async () => {
    const q = await coverage("430671", "2025Q3", "2025Q3");
    expect(q["supervision.inspection_coverage"]).toMatchObject({ numerator: 0, denominator: 1, value: 0 });
    for (const id of ["supervision.coverage_tertiary", "supervision.coverage_secondary"]) {
      expect(q[id], id).toMatchObject({ numerator: 0, denominator: 0, value: null, status: "NO_DATA" });
    }
  });
});
