// The supervision subgraph through the gateway (and directly), on PGlite and PostgreSQL: the seeds'
// figures, coverage roll-ups, and reads and writes out of scope. Writes in scope, the registry and
// pagination: supervision-writes.integration.test.ts.
import type { InstitutionFacts } from "@hsa/demo-data";
import { children } from "@hsa/regions";
import { tableCounts } from "@hsa/supervision";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, gql, type Stack } from "./stack";
import {
  activeOn,
  allPages,
  BOTH,
  INSPECTIONS,
  INSTITUTIONS,
  type InspectionNode,
  inspectionsOf,
  institutionsOf,
  type Page,
  RECORD,
  type Series,
  SUP_KPIS,
  startSupervisionStack,
  yuanStringToFen,
} from "./supervision-fixtures";

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("supervision through the gateway on %s", (kind) => {
  let stack: Stack;
  let national: string;
  let city: string;
  let cityReporter: string;

  async function dbCounts() {
    const db = stack.handles.supervision?.db;
    if (!db) throw new Error("no supervision database");
    return tableCounts(db);
  }

  beforeAll(async () => {
    ({ stack, national, city, cityReporter } = await startSupervisionStack(
      kind,
      kind === "postgres" ? inject("pgUrl") : undefined,
    ));
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
    // interviews count distinct institutions interviewed (约谈 N 家), not INTERVIEW dispositions
    const interviewed = new Set(
      nodes.filter((n) => n.dispositions.some((d) => d.kind === "INTERVIEW")).map((n) => n.institution.id),
    );
    expect(byId.get("supervision.interviews")?.total.numerator).toBe(interviewed.size);
  });

  it("counts supervision.interviews as distinct institutions: per quarter and over a range, county and city (issue 15)", async () => {
    for (const code of ["430671", "430600"]) {
      const nodes = await allPages(
        stack.gateway.url,
        INSPECTIONS,
        { code, from: "2022Q1", to: "2022Q4", first: 200 },
        inspectionsOf,
        national,
      );
      const interviewedIn = (quarters: string[]) =>
        new Set(
          nodes
            .filter((n) => quarters.includes(n.quarter) && n.dispositions.some((d) => d.kind === "INTERVIEW"))
            .map((n) => n.institution.id),
        ).size;
      const dispositions = nodes.flatMap((n) => n.dispositions).filter((d) => d.kind === "INTERVIEW").length;
      const r = await gql<{ region: { supervisionKpis: Series[] } }>(
        stack.gateway.url,
        SUP_KPIS,
        { code, from: "2022Q1", to: "2022Q4", metrics: ["supervision.interviews"] },
        national,
      );
      expect(r.errors).toBeUndefined();
      const series = r.data?.region.supervisionKpis[0];
      const quarters = ["2022Q1", "2022Q2", "2022Q3", "2022Q4"];
      const total = interviewedIn(quarters);
      expect(series?.total.numerator, code).toBe(total);
      expect(series?.total.value, code).toBe(total);
      expect(total, code).toBeLessThanOrEqual(dispositions);
      for (const p of series?.points ?? []) {
        if (p.status === "NO_DATA") continue;
        expect(p.numerator, `${code} ${p.quarter}`).toBe(interviewedIn([p.quarter as string]));
      }
      // an institution interviewed in two quarters counts once in the range, so the total is not Σ points
      const sumOfPoints = quarters.reduce((a, q) => a + interviewedIn([q]), 0);
      expect(total).toBeLessThanOrEqual(sumOfPoints);
    }
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

  it("computes city coverage as Σ distinct inspected among the active / Σ active over its counties, a twice-inspected institution once", async () => {
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
    // Only institutions of the denominator count in the numerator (designated at the year's end): one
    // inspected and then terminated or suspended can never push coverage above 100%.
    const designated = new Set(insts.filter((i) => activeOn(i, end)).map((i) => i.id));
    let num = 0;
    let den = 0;
    for (const code of counties) {
      num += new Set(
        insp
          .filter((i) => i.regionCode === code && designated.has(i.institutionId))
          .map((i) => i.institutionId),
      ).size;
      den += insts.filter((i) => i.regionCode === code && activeOn(i, end)).length;
    }
    expect(num).toBeLessThan(insp.length);
    expect(num).toBeLessThanOrEqual(den);
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
});
