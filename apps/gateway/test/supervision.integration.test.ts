import type { InspectionFacts, InstitutionFacts } from "@hsa/demo-data";
import { children } from "@hsa/regions";
import { recordInspectionRow, tableCounts } from "@hsa/supervision";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, gql, type Stack, startStack, token } from "./stack";

interface KpiValue {
  quarter: string | null;
  numerator: number;
  denominator: number | null;
  value: number | null;
  status: string;
}
interface Series {
  metric: { id: string; aggregation: string; unit: string };
  total: KpiValue;
  points: KpiValue[];
}
interface Disposition {
  kind: string;
  amountYuan: string | null;
}
interface InspectionNode {
  id: string;
  inspectedOn: string;
  quarter: string;
  region: { code: string };
  institution: { id: string; region: { code: string } };
  dispositions: Disposition[];
}
interface Page<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

const SUP_KPIS = /* GraphQL */ `
  query SupKpis($code: ID!, $from: Quarter!, $to: Quarter!, $metrics: [ID!]) {
    region(code: $code) {
      code
      supervisionKpis(from: $from, to: $to, metrics: $metrics) {
        metric { id aggregation unit }
        total { quarter numerator denominator value status }
        points { quarter numerator denominator value status }
      }
    }
  }
`;
const BOTH = /* GraphQL */ `
  query Both($code: ID!) {
    region(code: $code) {
      code
      name
      enrollmentKpis(from: "2022Q1", to: "2022Q4", metrics: ["enrollment.remote_registration"]) {
        metric { id }
        total { numerator denominator value }
      }
      supervisionKpis(from: "2022Q1", to: "2022Q4") {
        metric { id unit }
        total { numerator denominator value status }
      }
    }
  }
`;
const INSPECTIONS = /* GraphQL */ `
  query Inspections($code: ID!, $from: Quarter!, $to: Quarter!, $first: Int, $after: String) {
    region(code: $code) {
      inspections(from: $from, to: $to, first: $first, after: $after) {
        edges { cursor node { id inspectedOn quarter region { code } institution { id region { code } }
          dispositions { kind amountYuan } } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
`;
const INSTITUTIONS = /* GraphQL */ `
  query Institutions($code: ID!, $first: Int, $after: String, $filter: InstitutionFilter) {
    region(code: $code) {
      institutions(filter: $filter, first: $first, after: $after) {
        edges { cursor node { id name kind region { code } } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
`;
const RECORD = /* GraphQL */ `
  mutation Record($input: RecordInspectionInput!) {
    recordInspection(input: $input) {
      created
      inspection { id quarter inspectedOn dispositions { kind amountYuan note } }
    }
  }
`;

const kinds: DbKind[] = ["pglite", "postgres"];

function yuanStringToFen(s: string): bigint {
  const [int = "0", dec = ""] = s.split(".");
  return BigInt(int) * 100n + BigInt(dec.padEnd(2, "0"));
}

/** Active on a date, as the bureau defines it (agreement in force, not suspended): computed here independently. */
function activeOn(i: InstitutionFacts, date: string): boolean {
  return (
    i.agreementStart <= date &&
    (i.agreementEnd === null || i.agreementEnd >= date) &&
    i.agreementStatus !== "SUSPENDED"
  );
}

describe.each(kinds)("supervision through the gateway on %s", (kind) => {
  let stack: Stack;
  let national: string;
  let city: string;
  let cityReporter: string;

  async function allPages<N>(
    url: string,
    query: string,
    vars: Record<string, unknown>,
    pick: (data: Record<string, unknown>) => Page<N> | undefined,
    bearer: string,
    between?: (pageNo: number) => Promise<void>,
  ): Promise<N[]> {
    const out: N[] = [];
    let after: string | null = null;
    for (let pageNo = 0; ; pageNo++) {
      const r = await gql(url, query, { ...vars, after }, bearer);
      expect(r.errors).toBeUndefined();
      const page = pick(r.data ?? {});
      if (!page) throw new Error("no page");
      out.push(...page.edges.map((e) => e.node));
      if (!page.pageInfo.hasNextPage) return out;
      after = page.pageInfo.endCursor;
      await between?.(pageNo);
    }
  }
  const inspectionsOf = (d: Record<string, unknown>) =>
    (d.region as { inspections: Page<InspectionNode> } | null)?.inspections;
  const institutionsOf = (d: Record<string, unknown>) =>
    (d.region as { institutions: Page<{ id: string; region: { code: string } }> } | null)?.institutions;

  async function dbCounts() {
    const db = stack.handles.supervision?.db;
    if (!db) throw new Error("no supervision database");
    return tableCounts(db);
  }

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      enrollmentScopes: ["430600"],
      supervisionScopes: ["430600", "150700"],
    });
    national = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
    city = await token({ sub: "hulunbuir", scope: "150700", roles: ["viewer"] });
    cityReporter = await token({
      sub: "hulunbuir-reporter",
      name: "呼伦贝尔市填报员",
      scope: "150700",
      roles: ["viewer", "reporter", "approver"],
    });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("answers 屈原管理区 2022 enrollment and supervision KPIs in one query, the seed amounts to the fen", async () => {
    const r = await gql<{
      region: { name: string; enrollmentKpis: Series[]; supervisionKpis: Series[] };
    }>(stack.gateway.url, BOTH, { code: "430671" }, national);
    expect(r.errors).toBeUndefined();
    const region = r.data?.region;
    expect(region?.name).toContain("屈原");
    expect(region?.enrollmentKpis[0]?.total.numerator).toBe(2463);
    expect(region?.enrollmentKpis[0]?.total.denominator).toBe(2582);
    const byId = new Map(region?.supervisionKpis.map((s) => [s.metric.id, s]));
    const recovered = byId.get("supervision.recovered_amount");
    expect(recovered?.metric.unit).toBe("万元");
    expect(recovered?.total.numerator).toBe(433_000);
    expect(recovered?.total.value?.toFixed(2)).toBe("43.30");
    const expected: Record<string, number> = {
      "supervision.recovered_amount": 433_000,
      "supervision.penalty_amount": 455_000,
      "supervision.refusal_amount": 245_900,
      "supervision.deduction_amount": 108_800,
      "supervision.self_correction_amount": 30_100,
    };
    for (const [id, yuan] of Object.entries(expected)) {
      expect(byId.get(id)?.total.numerator, id).toBe(yuan);
      expect(byId.get(id)?.total.value?.toFixed(2), id).toBe((yuan / 10_000).toFixed(2));
    }
    // The same totals from the stored dispositions themselves, to the fen (every page of inspections).
    const nodes = await allPages(
      stack.gateway.url,
      INSPECTIONS,
      { code: "430671", from: "2022Q1", to: "2022Q4", first: 200 },
      inspectionsOf,
      national,
    );
    const fen = new Map<string, bigint>();
    for (const n of nodes) {
      for (const d of n.dispositions) {
        if (d.amountYuan !== null) fen.set(d.kind, (fen.get(d.kind) ?? 0n) + yuanStringToFen(d.amountYuan));
      }
    }
    expect(Object.fromEntries(fen)).toEqual({
      RECOVERY: 43_300_000n,
      PENALTY: 45_500_000n,
      REFUSAL: 24_590_000n,
      DEDUCTION: 10_880_000n,
      SELF_CORRECTION: 3_010_000n,
    });
    expect(byId.get("supervision.inspections")?.total.numerator).toBe(nodes.length);
    const interviews = nodes.flatMap((n) => n.dispositions).filter((d) => d.kind === "INTERVIEW").length;
    expect(byId.get("supervision.interviews")?.total.numerator).toBe(interviews);
  });

  it("reproduces 鄂温克族自治旗 2023H1: 34 inspections of medical institutions and 79 of pharmacies", async () => {
    const nodes = await allPages(
      stack.gateway.url,
      INSPECTIONS,
      { code: "150724", from: "2023Q1", to: "2023Q2", first: 200 },
      inspectionsOf,
      national,
    );
    const pharmacies = nodes.filter((n) => n.institution.id.includes("-P-")).length;
    expect([nodes.length - pharmacies, pharmacies]).toEqual([34, 79]);
  });

  it("computes city coverage as Σ distinct inspected / Σ active over its counties, a twice-inspected institution once", async () => {
    const counties = children("430600").map((c) => c.code);
    const end = "2022-12-31";
    const insts = stack.supervision.institutions.filter((i) => counties.includes(i.regionCode));
    const insp = stack.supervision.inspections.filter(
      (i) => counties.includes(i.regionCode) && i.quarter.startsWith("2022"),
    );
    const perInstitution = new Map<string, number>();
    for (const i of insp) perInstitution.set(i.institutionId, (perInstitution.get(i.institutionId) ?? 0) + 1);
    // The demo holds institutions inspected more than once in the year: the test would not bite otherwise.
    expect([...perInstitution.values()].some((n) => n >= 2)).toBe(true);
    let num = 0;
    let den = 0;
    for (const code of counties) {
      num += new Set(insp.filter((i) => i.regionCode === code).map((i) => i.institutionId)).size;
      den += insts.filter((i) => i.regionCode === code && activeOn(i, end)).length;
    }
    expect(num).toBeLessThan(insp.length);
    const r = await gql<{ region: { supervisionKpis: Series[] } }>(
      stack.gateway.url,
      SUP_KPIS,
      { code: "430600", from: "2022Q1", to: "2022Q4", metrics: ["supervision.inspection_coverage"] },
      national,
    );
    expect(r.errors).toBeUndefined();
    const cov = r.data?.region.supervisionKpis[0];
    expect(cov?.total.numerator).toBe(num);
    expect(cov?.total.denominator).toBe(den);
    expect(cov?.total.value).toBeCloseTo((100 * num) / den, 9);
    // Not a sum of the quarters' distinct counts (an institution inspected in two quarters counts once).
    const sumOfPoints = cov?.points.reduce((s, p) => s + p.numerator, 0) ?? 0;
    expect(sumOfPoints).toBeGreaterThan(num);
    // The counties' own answers add up to the city's numerator and denominator.
    let n2 = 0;
    let d2 = 0;
    for (const code of counties) {
      const c = await gql<{ region: { supervisionKpis: Series[] } }>(
        stack.gateway.url,
        SUP_KPIS,
        { code, from: "2022Q1", to: "2022Q4", metrics: ["supervision.inspection_coverage"] },
        national,
      );
      n2 += c.data?.region.supervisionKpis[0]?.total.numerator ?? 0;
      d2 += c.data?.region.supervisionKpis[0]?.total.denominator ?? 0;
    }
    expect([n2, d2]).toEqual([num, den]);
  });

  it("counts an institution inspected twice in a quarter once in coverage, twice in inspections", async () => {
    const target = stack.supervision.institutions.find(
      (i) => i.regionCode === "150724" && i.kind === "HOSPITAL" && activeOn(i, "2026-09-30"),
    ) as InstitutionFacts;
    const vars = { code: "150700", from: "2026Q3", to: "2026Q3" };
    const kpis = async () => {
      const r = await gql<{ region: { supervisionKpis: Series[] } }>(
        stack.gateway.url,
        SUP_KPIS,
        { ...vars, metrics: ["supervision.inspections", "supervision.inspection_coverage"] },
        national,
      );
      expect(r.errors).toBeUndefined();
      return r.data?.region.supervisionKpis.map((s) => s.total) ?? [];
    };
    const [countBefore, covBefore] = await kpis();
    for (const day of ["2026-07-03", "2026-08-20"]) {
      const w = await gql(
        stack.gateway.url,
        RECORD,
        { input: { institutionId: target.id, inspectedOn: day, kind: "ROUTINE", findings: "日常巡查" } },
        cityReporter,
      );
      expect(w.errors).toBeUndefined();
    }
    const [countAfter, covAfter] = await kpis();
    expect((countAfter?.numerator ?? 0) - (countBefore?.numerator ?? 0)).toBe(2);
    expect((covAfter?.numerator ?? 0) - (covBefore?.numerator ?? 0)).toBe(1);
    const active = stack.supervision.institutions.filter(
      (i) => i.regionCode.startsWith("1507") && activeOn(i, "2026-09-30"),
    ).length;
    expect(covAfter?.denominator).toBe(active);
  });

  for (const target of ["gateway", "subgraph"] as const) {
    describe(`a 150700 token calling the ${target}`, () => {
      const url = () => (target === "gateway" ? stack.gateway.url : (stack.services.supervision?.url ?? ""));

      it("cannot read institutions or inspections outside its city", async () => {
        const one = await gql<{ institution: unknown }>(
          url(),
          `{ institution(id: "430671-H-001") { id name } }`,
          {},
          city,
        );
        expect(one.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
        expect(one.data?.institution ?? null).toBeNull();
        for (const q of [INSTITUTIONS, INSPECTIONS]) {
          const r = await gql<{ region: unknown }>(
            url(),
            q,
            { code: "430600", from: "2022Q1", to: "2022Q4", first: 10 },
            city,
          );
          expect(r.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
          expect(r.data?.region ?? null).toBeNull();
        }
        const kpis = await gql(url(), SUP_KPIS, { code: "430671", from: "2022Q1", to: "2022Q4" }, city);
        expect(kpis.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
        // Its own city: every institution and inspection is in 1507xx, and all of them are there.
        const own = await allPages(url(), INSTITUTIONS, { code: "150700", first: 200 }, institutionsOf, city);
        expect(own.length).toBe(
          stack.supervision.institutions.filter((i) => i.regionCode.startsWith("1507")).length,
        );
        for (const i of own) expect(i.region.code.startsWith("1507")).toBe(true);
        const insp = await gql<{ region: { inspections: Page<InspectionNode> } }>(
          url(),
          INSPECTIONS,
          { code: "150700", from: "2021Q1", to: "2024Q4", first: 200 },
          city,
        );
        expect(insp.data?.region.inspections.edges.length).toBe(200);
        for (const e of insp.data?.region.inspections.edges ?? []) {
          expect(e.node.region.code.startsWith("1507")).toBe(true);
          expect(e.node.institution.region.code.startsWith("1507")).toBe(true);
        }
      });

      it("cannot page into another region with a cursor of that region's list", async () => {
        const other = await gql<{ region: { institutions: Page<unknown> } }>(
          stack.gateway.url,
          INSTITUTIONS,
          { code: "430600", first: 5 },
          national,
        );
        const foreign = other.data?.region.institutions.pageInfo.endCursor;
        expect(foreign).toBeTruthy();
        const replay = await gql<{ region: unknown }>(
          url(),
          INSTITUTIONS,
          { code: "150700", first: 5, after: foreign },
          city,
        );
        expect(replay.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
        expect(replay.data?.region ?? null).toBeNull();
        const direct = await gql<{ region: unknown }>(
          url(),
          INSTITUTIONS,
          { code: "430600", first: 5, after: foreign },
          city,
        );
        expect(direct.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
        expect(direct.data?.region ?? null).toBeNull();
      });

      it("cannot write outside its city, and nothing is written", async () => {
        const before = await dbCounts();
        const cases: [string, Record<string, unknown>][] = [
          [
            RECORD,
            {
              input: {
                institutionId: "430671-H-001",
                inspectedOn: "2024-05-06",
                kind: "FLYING",
                findings: "x",
                dispositions: [{ kind: "RECOVERY", amountYuan: "1000" }],
              },
            },
          ],
          [
            `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }`,
            {
              input: {
                name: "岳阳测试药房",
                kind: "PHARMACY",
                ownership: "PRIVATE",
                regionCode: "430671",
                agreementStart: "2024-01-01",
              },
            },
          ],
          [
            `mutation($input: UpdateAgreementInput!) { updateInstitutionAgreement(input: $input) { changed } }`,
            { input: { institutionId: "430671-H-001", agreementStatus: "SUSPENDED" } },
          ],
        ];
        for (const [mutation, vars] of cases) {
          const r = await gql(url(), mutation, vars, cityReporter);
          expect(r.errors?.[0]?.extensions?.code, mutation).toBe("FORBIDDEN");
          expect(r.data ?? null).toBeNull();
        }
        expect(await dbCounts()).toEqual(before);
      });

      if (target === "subgraph") {
        it("gets null for an out-of-scope institution asked for as an entity reference", async () => {
          const r = await gql<{ _entities: ({ id: string } | null)[] }>(
            url(),
            `query($r: [_Any!]!) { _entities(representations: $r) { ... on Institution { id name } } }`,
            {
              r: [
                { __typename: "Institution", id: "430671-H-001" },
                { __typename: "Institution", id: "150724-H-001" },
              ],
            },
            city,
          );
          expect(r.data?._entities[0] ?? null).toBeNull();
          expect(r.data?._entities[1]?.id).toBe("150724-H-001");
        });
      }
    });
  }

  describe("recordInspection", () => {
    const inst = () =>
      stack.supervision.institutions.find(
        (i) => i.regionCode === "150724" && i.kind === "PHARMACY" && activeOn(i, "2026-10-01"),
      ) as InstitutionFacts;

    it("writes nothing when the second disposition is invalid, and reports every bad one by index", async () => {
      const before = await dbCounts();
      const r = await gql(
        stack.gateway.url,
        RECORD,
        {
          input: {
            institutionId: inst().id,
            inspectedOn: "2026-10-12",
            kind: "SPECIAL",
            findings: "串换药品",
            dispositions: [
              { kind: "RECOVERY", amountYuan: "1200.50" },
              { kind: "PENALTY", amountYuan: "12.345" },
              { kind: "INTERVIEW", amountYuan: "10" },
            ],
          },
        },
        cityReporter,
      );
      expect(r.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const problems = r.errors?.[0]?.extensions?.problems as { field: string }[];
      expect(problems.map((p) => p.field)).toEqual([
        "dispositions[1].amountYuan",
        "dispositions[2].amountYuan",
      ]);
      expect(await dbCounts()).toEqual(before);
      const audit = await gql<{ supervisionAudit: unknown[] }>(
        stack.gateway.url,
        `{ supervisionAudit(regionCode: "150724") { id action entityId } }`,
        {},
        national,
      );
      expect(audit.errors).toBeUndefined();
      const listed = await gql<{ institution: { inspections: Page<InspectionNode> } }>(
        stack.gateway.url,
        `query($id: ID!) { institution(id: $id) { inspections(first: 200) { totalCount edges { node { inspectedOn } } } } }`,
        { id: inst().id },
        national,
      );
      expect(
        listed.data?.institution.inspections.edges.some((e) => e.node.inspectedOn === "2026-10-12"),
      ).toBe(false);
    });

    it("rolls the whole transaction back when the database refuses a later disposition", async () => {
      const db = stack.handles.supervision?.db;
      if (!db) throw new Error("no db");
      const before = await dbCounts();
      await expect(
        recordInspectionRow(
          db,
          {
            institutionId: inst().id,
            regionCode: inst().regionCode,
            inspectedOn: "2026-10-13",
            quarter: "2026Q4",
            kind: "ROUTINE",
            findings: "x",
            requestId: null,
            dispositions: [
              { kind: "RECOVERY", amountFen: 100n, note: "" },
              { kind: "PENALTY", amountFen: -1n, note: "" },
            ],
          },
          { sub: "t", name: "t" },
        ),
      ).rejects.toThrow();
      expect(await dbCounts()).toEqual(before);
    });

    it("stores a valid inspection with its dispositions and audit, once per requestId", async () => {
      const before = await dbCounts();
      const input = {
        institutionId: inst().id,
        inspectedOn: "2026-10-14",
        kind: "FLYING",
        findings: "飞行检查：串换药品",
        requestId: "form-7d2c1e0a",
        dispositions: [
          { kind: "RECOVERY", amountYuan: "1200.5", note: "追回" },
          { kind: "RECOVERY", amountYuan: "1200.5", note: "追回（第二笔）" },
          { kind: "INTERVIEW" },
        ],
      };
      const first = await gql<{
        recordInspection: {
          created: boolean;
          inspection: { id: string; quarter: string; dispositions: Disposition[] };
        };
      }>(stack.gateway.url, RECORD, { input }, cityReporter);
      expect(first.errors).toBeUndefined();
      expect(first.data?.recordInspection.created).toBe(true);
      expect(first.data?.recordInspection.inspection.quarter).toBe("2026Q4");
      expect(first.data?.recordInspection.inspection.dispositions.map((d) => d.amountYuan)).toEqual([
        "1200.50",
        "1200.50",
        null,
      ]);
      const retry = await gql<typeof first.data>(stack.gateway.url, RECORD, { input }, cityReporter);
      expect(retry.data?.recordInspection.created).toBe(false);
      expect(retry.data?.recordInspection.inspection.id).toBe(first.data?.recordInspection.inspection.id);
      const after = await dbCounts();
      expect(after).toEqual({
        ...before,
        inspections: before.inspections + 1,
        dispositions: before.dispositions + 3,
        audit: before.audit + 1,
        institutions: before.institutions,
      });
      const audit = await gql<{
        supervisionAudit: { actorSub: string; oldValue: string | null; newValue: string }[];
      }>(
        stack.gateway.url,
        `query($id: ID) { supervisionAudit(regionCode: "150724", entityId: $id) { actorSub oldValue newValue } }`,
        { id: first.data?.recordInspection.inspection.id },
        national,
      );
      expect(audit.data?.supervisionAudit).toHaveLength(1);
      expect(audit.data?.supervisionAudit[0]?.actorSub).toBe("hulunbuir-reporter");
      expect(JSON.parse(audit.data?.supervisionAudit[0]?.newValue ?? "{}").dispositions[0].amountFen).toBe(
        "120050",
      );
    });

    it("rejects a future date, a date before the agreement and a viewer without the reporter role", async () => {
      const before = await dbCounts();
      const base = { institutionId: inst().id, kind: "ROUTINE", findings: "x" };
      const future = await gql(
        stack.gateway.url,
        RECORD,
        { input: { ...base, inspectedOn: "2099-01-01" } },
        cityReporter,
      );
      expect(future.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const early = await gql(
        stack.gateway.url,
        RECORD,
        { input: { ...base, inspectedOn: "1990-01-01" } },
        cityReporter,
      );
      expect(early.errors?.[0]?.message).toContain("agreement start");
      const viewer = await gql(
        stack.gateway.url,
        RECORD,
        { input: { ...base, inspectedOn: "2026-10-01" } },
        city,
      );
      expect(viewer.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
      expect(await dbCounts()).toEqual(before);
    });
  });

  describe("updateInstitutionAgreement and registerInstitution", () => {
    it("audits an agreement change (old → new), writes nothing for the same values", async () => {
      const target = stack.supervision.institutions.find(
        (i) => i.regionCode === "150702" && i.agreementStatus === "ACTIVE",
      ) as InstitutionFacts;
      const M = `mutation($input: UpdateAgreementInput!) { updateInstitutionAgreement(input: $input) { changed institution { agreementStatus agreementEnd } } }`;
      const input = { institutionId: target.id, agreementStatus: "TERMINATED", agreementEnd: "2026-06-30" };
      const first = await gql<{ updateInstitutionAgreement: { changed: boolean } }>(
        stack.gateway.url,
        M,
        { input },
        cityReporter,
      );
      expect(first.errors).toBeUndefined();
      expect(first.data?.updateInstitutionAgreement.changed).toBe(true);
      const again = await gql<{ updateInstitutionAgreement: { changed: boolean } }>(
        stack.gateway.url,
        M,
        { input },
        cityReporter,
      );
      expect(again.data?.updateInstitutionAgreement.changed).toBe(false);
      const noEnd = await gql(
        stack.gateway.url,
        M,
        { input: { institutionId: target.id, agreementStatus: "TERMINATED", agreementEnd: null } },
        cityReporter,
      );
      expect(noEnd.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const audit = await gql<{ supervisionAudit: { oldValue: string; newValue: string }[] }>(
        stack.gateway.url,
        `query($id: ID) { supervisionAudit(regionCode: "150702", entityId: $id) { oldValue newValue } }`,
        { id: target.id },
        national,
      );
      expect(audit.data?.supervisionAudit).toHaveLength(1);
      expect(JSON.parse(audit.data?.supervisionAudit[0]?.oldValue ?? "{}")).toEqual({
        agreementStatus: "ACTIVE",
        agreementEnd: null,
      });
      expect(JSON.parse(audit.data?.supervisionAudit[0]?.newValue ?? "{}")).toEqual({
        agreementStatus: "TERMINATED",
        agreementEnd: "2026-06-30",
      });
    });

    it("registers an institution with the next readable id of its county and kind, and refuses a duplicate name", async () => {
      const M = `mutation($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id name grade region { code } } }`;
      const input = {
        name: "鄂温克旗新开药房",
        kind: "PHARMACY",
        ownership: "PRIVATE",
        regionCode: "150724",
        agreementStart: "2026-01-01",
      };
      const pharmacies = stack.supervision.institutions.filter(
        (i) => i.regionCode === "150724" && i.kind === "PHARMACY",
      ).length;
      const r = await gql<{ registerInstitution: { id: string } }>(
        stack.gateway.url,
        M,
        { input },
        cityReporter,
      );
      expect(r.errors).toBeUndefined();
      expect(r.data?.registerInstitution.id).toBe(`150724-P-${String(pharmacies + 1).padStart(3, "0")}`);
      const dup = await gql(stack.gateway.url, M, { input }, cityReporter);
      expect(dup.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const city = await gql(
        stack.gateway.url,
        M,
        { input: { ...input, regionCode: "150700" } },
        cityReporter,
      );
      expect(city.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const graded = await gql(
        stack.gateway.url,
        M,
        { input: { ...input, name: "另一家", grade: "II" } },
        cityReporter,
      );
      expect(graded.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });
  });

  describe("pagination", () => {
    it("is stable while inspections are inserted between page reads: no duplicates, no gaps", async () => {
      const vars = { code: "150700", from: "2021Q1", to: "2024Q4", first: 150 };
      const full0 = await allPages(stack.gateway.url, INSPECTIONS, vars, inspectionsOf, national);
      expect(full0.length).toBe(
        stack.supervision.inspections.filter((i: InspectionFacts) => i.regionCode.startsWith("1507")).length,
      );
      const early = stack.supervision.institutions.find(
        (i) => i.regionCode === "150721" && activeOn(i, "2021-01-02") && activeOn(i, "2024-12-30"),
      ) as InstitutionFacts;
      const inserted: string[] = [];
      const seen = await allPages(
        stack.gateway.url,
        INSPECTIONS,
        vars,
        inspectionsOf,
        national,
        async (pageNo) => {
          if (pageNo > 1) return;
          // One before the cursor (already passed) and one after it (still ahead).
          for (const day of ["2021-01-02", "2024-12-30"]) {
            const w = await gql<{ recordInspection: { inspection: { id: string } } }>(
              stack.gateway.url,
              RECORD,
              {
                input: {
                  institutionId: early.id,
                  inspectedOn: day,
                  kind: "CROSS",
                  findings: `交叉检查 ${pageNo}`,
                },
              },
              cityReporter,
            );
            expect(w.errors).toBeUndefined();
            inserted.push(w.data?.recordInspection.inspection.id ?? "");
          }
        },
      );
      const ids = seen.map((n) => n.id);
      expect(new Set(ids).size).toBe(ids.length);
      const seenSet = new Set(ids);
      for (const n of full0) expect(seenSet.has(n.id)).toBe(true);
      const full1 = await allPages(stack.gateway.url, INSPECTIONS, vars, inspectionsOf, national);
      expect(full1.length).toBe(full0.length + inserted.length);
      const fullSet = new Set(full1.map((n) => n.id));
      for (const id of ids) expect(fullSet.has(id)).toBe(true);
      // Rows inserted ahead of the cursor show up; rows behind it do not come back as duplicates.
      expect(ids.filter((id) => inserted.includes(id)).length).toBeGreaterThan(0);
      const order = full1.map((n) => `${n.inspectedOn}:${n.id.padStart(12, "0")}`);
      expect(order).toEqual([...order].sort());
    });

    it("rejects an over-cap page size and a malformed cursor with BAD_USER_INPUT", async () => {
      const over = await gql(stack.gateway.url, INSTITUTIONS, { code: "150700", first: 201 }, national);
      expect(over.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      expect(over.errors?.[0]?.message).toContain("200");
      const over2 = await gql(
        stack.gateway.url,
        INSPECTIONS,
        { code: "150700", from: "2021Q1", to: "2024Q4", first: 1000 },
        national,
      );
      expect(over2.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const bad = await gql(
        stack.gateway.url,
        INSTITUTIONS,
        { code: "150700", after: "not a cursor!" },
        national,
      );
      expect(bad.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
      const tampered = Buffer.from(
        JSON.stringify(["institutions:150700:[null,null,null,null,null]", 5]),
      ).toString("base64url");
      const t = await gql(stack.gateway.url, INSTITUTIONS, { code: "150700", after: tampered }, national);
      expect(t.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
    });

    it("filters institutions and pages them in id order", async () => {
      const all = await allPages(
        stack.gateway.url,
        INSTITUTIONS,
        { code: "150724", first: 7, filter: { kind: "PHARMACY" } },
        institutionsOf,
        national,
      );
      const expected = stack.supervision.institutions
        .filter((i) => i.regionCode === "150724" && i.kind === "PHARMACY")
        .map((i) => i.id);
      const got = all.map((i) => i.id).filter((id) => expected.includes(id));
      expect(got).toEqual([...expected].sort());
    });
  });
});
