import type { InstitutionFacts } from "@hsa/demo-data";
import { auditCount as countAudit, listCases, schema as paymentSchema } from "@hsa/payment-reform";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, type GqlResult, gql, type Stack, startStack, token } from "./stack";

interface Line {
  institutionId: string;
  points: string;
  grossYuan: string;
  prepaidYuan: string;
  deductionYuan: string;
  netYuan: string;
}
interface Settlement {
  poolingArea: string;
  year: number;
  status: string;
  budgetYuan: string;
  totalPoints: string;
  pointValue: string;
  runAt: string;
  lines: Line[];
}

const SETTLEMENT_FIELDS =
  "poolingArea year status budgetYuan totalPoints pointValue runAt lines { institutionId points grossYuan prepaidYuan deductionYuan netYuan }";
const RUN = /* GraphQL */ `
  mutation Run($pool: ID!, $year: Int!, $deductions: [DipDeductionInput!]) {
    runDipSettlement(poolingArea: $pool, year: $year, deductions: $deductions) { changed settlement { ${SETTLEMENT_FIELDS} } }
  }
`;
const READ = /* GraphQL */ `
  query Read($pool: ID!, $year: Int!) { dipSettlement(poolingArea: $pool, year: $year) { ${SETTLEMENT_FIELDS} } }
`;
const REPORT = /* GraphQL */ `
  mutation Report($input: ReportDipCasesInput!) {
    reportDipCases(input: $input) { changed aggregates { groupCode cases points coefficient } }
  }
`;
const CLOSE = /* GraphQL */ `
  mutation Close($pool: ID!, $year: Int!) { closeDipSettlement(poolingArea: $pool, year: $year) { status } }
`;
const REOPEN = /* GraphQL */ `
  mutation Reopen($pool: ID!, $year: Int!, $reason: String!) {
    reopenDipSettlement(poolingArea: $pool, year: $year, reason: $reason) { status reopenedBy }
  }
`;
const SET_COEFFICIENT = /* GraphQL */ `
  mutation C($input: SetCoefficientInput!) { setInstitutionCoefficient(input: $input) { grade coefficient } }
`;
const SET_BUDGET = /* GraphQL */ `
  mutation B($input: SetGlobalBudgetInput!) { setGlobalBudget(input: $input) { changed budget { budgetYuan } } }
`;

const POOL = "430600"; // 岳阳市: no payment demo data in this stack, so the worked example is built from scratch
const YEAR = 2023;
const QUARTER = "2023Q2";
const RACE_YEAR = 2022;

const code = (r: GqlResult) => r.errors?.[0]?.extensions?.code;

const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("payment reform through the gateway on %s", (kind) => {
  let stack: Stack;
  let national: string;
  let yueyang: string;
  let hulunbuirApprover: string;
  let admin: string;
  let a: InstitutionFacts;
  let b: InstitutionFacts;

  const paymentDb = () => {
    const db = stack.handles.payment?.db;
    if (!db) throw new Error("no payment database");
    return db;
  };
  const casesOf = (institutionId: string) => listCases(paymentDb(), institutionId);
  const auditCount = (kind: string, key?: Record<string, string | number>) =>
    countAudit(paymentDb(), kind, key);

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      enrollmentScopes: ["150700"],
      supervisionScopes: ["150700", POOL],
      procurementScopes: ["150724"],
      procurementRange: { from: "2022Q1", to: "2022Q4" },
      paymentScopes: ["150724"],
      // The catalogue has no mutation (it is published by the bureau): the test pool's catalogue is inserted.
      seed: async (name, handle) => {
        if (name !== "payment") return;
        await handle.db.insert(paymentSchema.dipGroup).values([
          {
            poolingArea: POOL,
            year: YEAR,
            code: "T01",
            name: "测试病种一",
            type: "CORE",
            score: "1000.0000",
          },
          {
            poolingArea: POOL,
            year: YEAR,
            code: "T02",
            name: "测试综合病种",
            type: "COMPREHENSIVE",
            score: "500.0000",
          },
          // the year of the concurrent first runs (no other test settles it)
          {
            poolingArea: POOL,
            year: RACE_YEAR,
            code: "T01",
            name: "测试病种一",
            type: "CORE",
            score: "1000.0000",
          },
        ]);
      },
    });
    national = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
    yueyang = await token({ sub: "yueyang", scope: POOL, roles: ["viewer", "reporter", "approver"] });
    hulunbuirApprover = await token({
      sub: "hulunbuir",
      scope: "150700",
      roles: ["viewer", "reporter", "approver"],
    });
    admin = await token({ sub: "root", scope: "000000", roles: ["admin"] });
    const hospitals = stack.supervision.institutions.filter(
      (i) => i.kind === "HOSPITAL" && i.regionCode.startsWith("4306"),
    );
    [a, b] = hospitals as [InstitutionFacts, InstitutionFacts];
    expect(a && b).toBeTruthy();
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
  });

  /** The pool's year as its approver sets it up: every grade's coefficient 1 and the POOL budget (DIP fund). */
  async function setUpPoolYear(year: number, budgetYuan: string) {
    for (const grade of ["III", "II", "I", "NONE"]) {
      const r = await gql(
        stack.gateway.url,
        SET_COEFFICIENT,
        { input: { poolingArea: POOL, year, grade, coefficient: "1" } },
        yueyang,
      );
      expect(r.errors).toBeUndefined();
    }
    const input = { kind: "POOL", poolingArea: POOL, key: POOL, name: "岳阳市DIP基金", year, budgetYuan };
    expect((await gql(stack.gateway.url, SET_BUDGET, { input }, yueyang)).errors).toBeUndefined();
  }

  it("builds the worked example with the mutations and settles it exactly: point value 8.00, 180,000 points → 1,440,000.00", async () => {
    const url = stack.gateway.url;
    await setUpPoolYear(YEAR, "12000000.00");
    // A: 180 cases × 1000 points; B: 1,240 × 1000 + 160 × 500 = 1,320,000 points.
    const ra = await gql<{ reportDipCases: { changed: number; aggregates: { points: string }[] } }>(
      url,
      REPORT,
      {
        input: {
          institutionId: a.id,
          quarter: QUARTER,
          groups: [
            {
              groupCode: "T01",
              cases: 180,
              fundPrepaidYuan: "1000000.00",
              dipFundYuan: "900000",
              inpatientFundYuan: "1000000",
            },
          ],
        },
      },
      yueyang,
    );
    expect(ra.errors).toBeUndefined();
    expect(ra.data?.reportDipCases.aggregates[0]?.points).toBe("180000.0000");
    const rb = await gql(
      url,
      REPORT,
      {
        input: {
          institutionId: b.id,
          quarter: QUARTER,
          groups: [
            { groupCode: "T01", cases: 1240, dipFundYuan: "5000000", inpatientFundYuan: "6000000" },
            { groupCode: "T02", cases: 160 },
          ],
        },
      },
      yueyang,
    );
    expect(rb.errors).toBeUndefined();

    const run = await gql<{ runDipSettlement: { changed: boolean; settlement: Settlement } }>(
      url,
      RUN,
      { pool: POOL, year: YEAR, deductions: [{ institutionId: a.id, deductionYuan: "12345.67" }] },
      yueyang,
    );
    expect(run.errors).toBeUndefined();
    const s = run.data?.runDipSettlement.settlement;
    expect(run.data?.runDipSettlement.changed).toBe(true);
    expect(s).toMatchObject({
      budgetYuan: "12000000.00",
      totalPoints: "1500000.0000",
      pointValue: "8.00000000",
      status: "OPEN",
    });
    expect(s?.lines.find((l) => l.institutionId === a.id)).toEqual({
      institutionId: a.id,
      points: "180000.0000",
      grossYuan: "1440000.00",
      prepaidYuan: "1000000.00",
      deductionYuan: "12345.67",
      netYuan: "427654.33",
    });
    expect(s?.lines.find((l) => l.institutionId === b.id)?.grossYuan).toBe("10560000.00");
  });

  it("first runs of a pool-year at once all answer: one settles, the others find it settled (one set of lines, one audit entry)", async () => {
    const url = stack.gateway.url;
    await setUpPoolYear(RACE_YEAR, "100000.00");
    for (const [inst, cases] of [
      [a, 30],
      [b, 70],
    ] as const) {
      const r = await gql(
        url,
        REPORT,
        {
          input: { institutionId: inst.id, quarter: `${RACE_YEAR}Q4`, groups: [{ groupCode: "T01", cases }] },
        },
        yueyang,
      );
      expect(r.errors).toBeUndefined();
    }
    // No settlement row yet: on PostgreSQL the transactions run side by side, and FOR UPDATE locks no
    // row. An advisory lock per pool-year serialises them before the settlement row is read, so each
    // compares with what the ones before it committed.
    const runs = await Promise.all(
      [1, 2, 3, 4, 5, 6].map(() =>
        gql<{ runDipSettlement: { changed: boolean; settlement: Settlement } }>(
          url,
          RUN,
          { pool: POOL, year: RACE_YEAR },
          yueyang,
        ),
      ),
    );
    for (const r of runs) expect(r.errors).toBeUndefined();
    expect(runs.map((r) => r.data?.runDipSettlement.changed).sort()).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    const read = await gql<{ dipSettlement: Settlement }>(
      url,
      READ,
      { pool: POOL, year: RACE_YEAR },
      national,
    );
    expect(read.data?.dipSettlement.pointValue).toBe("1.00000000");
    expect(read.data?.dipSettlement.lines.map((l) => [l.institutionId, l.grossYuan]).sort()).toEqual(
      [
        [a.id, "30000.00"],
        [b.id, "70000.00"],
      ].sort(),
    );
    expect(await auditCount("dip_settlement", { pool: POOL, year: RACE_YEAR })).toBe(1);
  });

  it("running it twice changes nothing (same stored result, no new audit entry)", async () => {
    const before = await gql<{ dipSettlement: Settlement }>(
      stack.gateway.url,
      READ,
      { pool: POOL, year: YEAR },
      national,
    );
    const audits = await auditCount("dip_settlement", { pool: POOL });
    const again = await gql<{ runDipSettlement: { changed: boolean; settlement: Settlement } }>(
      stack.gateway.url,
      RUN,
      { pool: POOL, year: YEAR },
      yueyang,
    );
    expect(again.errors).toBeUndefined();
    expect(again.data?.runDipSettlement.changed).toBe(false);
    const after = await gql<{ dipSettlement: Settlement }>(
      stack.gateway.url,
      READ,
      { pool: POOL, year: YEAR },
      national,
    );
    expect(after.data?.dipSettlement).toEqual(before.data?.dipSettlement);
    expect(after.data?.dipSettlement.lines.find((l) => l.institutionId === a.id)?.deductionYuan).toBe(
      "12345.67",
    );
    expect(await auditCount("dip_settlement", { pool: POOL })).toBe(audits);
    // reporting the same cases again changes nothing either
    const same = await gql<{ reportDipCases: { changed: number } }>(
      stack.gateway.url,
      REPORT,
      {
        input: {
          institutionId: a.id,
          quarter: QUARTER,
          groups: [
            {
              groupCode: "T01",
              cases: 180,
              fundPrepaidYuan: "1000000",
              dipFundYuan: "900000.00",
              inpatientFundYuan: "1000000",
            },
          ],
        },
      },
      yueyang,
    );
    expect(same.data?.reportDipCases.changed).toBe(0);
  });

  it("a city token cannot run (or read) another city's settlement", async () => {
    const before = await gql<{ dipSettlement: Settlement }>(
      stack.gateway.url,
      READ,
      { pool: POOL, year: YEAR },
      national,
    );
    const r = await gql(
      stack.gateway.url,
      RUN,
      { pool: POOL, year: YEAR, deductions: [] },
      hulunbuirApprover,
    );
    expect(code(r)).toBe("FORBIDDEN");
    expect(code(await gql(stack.gateway.url, READ, { pool: POOL, year: YEAR }, hulunbuirApprover))).toBe(
      "FORBIDDEN",
    );
    const viewer = await token({ sub: "v", scope: POOL, roles: ["viewer"] });
    expect(code(await gql(stack.gateway.url, RUN, { pool: POOL, year: YEAR }, viewer))).toBe("FORBIDDEN");
    const after = await gql<{ dipSettlement: Settlement }>(
      stack.gateway.url,
      READ,
      { pool: POOL, year: YEAR },
      national,
    );
    expect(after.data?.dipSettlement).toEqual(before.data?.dipSettlement);
  });

  it("refuses negative cases, unknown groups and negative deductions with BAD_USER_INPUT and writes nothing", async () => {
    const before = await casesOf(b.id);
    const audits = await auditCount("dip-cases");
    const bad = [
      [{ groupCode: "T01", cases: -5 }],
      [
        { groupCode: "T01", cases: 999 },
        { groupCode: "NOPE", cases: 1 },
      ], // all or nothing
      [{ groupCode: "T01", cases: 999, dipFundYuan: "2", inpatientFundYuan: "1" }],
    ];
    for (const groups of bad) {
      const r = await gql(
        stack.gateway.url,
        REPORT,
        { input: { institutionId: b.id, quarter: QUARTER, groups } },
        yueyang,
      );
      expect(code(r)).toBe("BAD_USER_INPUT");
    }
    const unknownGroup = await gql(
      stack.gateway.url,
      REPORT,
      { input: { institutionId: b.id, quarter: QUARTER, groups: [{ groupCode: "NOPE", cases: 1 }] } },
      yueyang,
    );
    expect(unknownGroup.errors?.[0]?.message).toContain('unknown DIP group "NOPE"');
    expect(await casesOf(b.id)).toEqual(before);
    expect(await auditCount("dip-cases")).toBe(audits);

    const settled = await gql<{ dipSettlement: Settlement }>(
      stack.gateway.url,
      READ,
      { pool: POOL, year: YEAR },
      national,
    );
    const negative = await gql(
      stack.gateway.url,
      RUN,
      { pool: POOL, year: YEAR, deductions: [{ institutionId: a.id, deductionYuan: "-1.00" }] },
      yueyang,
    );
    expect(code(negative)).toBe("BAD_USER_INPUT");
    const again = await gql<{ dipSettlement: Settlement }>(
      stack.gateway.url,
      READ,
      { pool: POOL, year: YEAR },
      national,
    );
    expect(again.data?.dipSettlement).toEqual(settled.data?.dipSettlement);
  });

  it("a closed year refuses to run (and new cases) until an admin reopens it", async () => {
    const url = stack.gateway.url;
    expect(
      (await gql<{ closeDipSettlement: { status: string } }>(url, CLOSE, { pool: POOL, year: YEAR }, yueyang))
        .data,
    ).toEqual({ closeDipSettlement: { status: "CLOSED" } });
    const closed = await gql<{ dipSettlement: Settlement }>(url, READ, { pool: POOL, year: YEAR }, national);
    const run = await gql(url, RUN, { pool: POOL, year: YEAR, deductions: [] }, yueyang);
    expect(code(run)).toBe("BAD_USER_INPUT");
    expect(run.errors?.[0]?.message).toContain("closed; an admin must reopen it");
    const before = await casesOf(a.id);
    const report = await gql(
      url,
      REPORT,
      { input: { institutionId: a.id, quarter: QUARTER, groups: [{ groupCode: "T01", cases: 181 }] } },
      yueyang,
    );
    expect(code(report)).toBe("BAD_USER_INPUT");
    expect(await casesOf(a.id)).toEqual(before);
    expect(
      (await gql<{ dipSettlement: Settlement }>(url, READ, { pool: POOL, year: YEAR }, national)).data,
    ).toEqual(closed.data);

    expect(code(await gql(url, REOPEN, { pool: POOL, year: YEAR, reason: "复核" }, yueyang))).toBe(
      "FORBIDDEN",
    );
    const reopened = await gql<{ reopenDipSettlement: { status: string; reopenedBy: string } }>(
      url,
      REOPEN,
      { pool: POOL, year: YEAR, reason: "年终考核复核" },
      admin,
    );
    expect(reopened.data?.reopenDipSettlement).toEqual({ status: "OPEN", reopenedBy: "root" });
    const rerun = await gql<{ runDipSettlement: { changed: boolean; settlement: Settlement } }>(
      url,
      RUN,
      { pool: POOL, year: YEAR },
      yueyang,
    );
    expect(rerun.data?.runDipSettlement.changed).toBe(false);
    expect(rerun.data?.runDipSettlement.settlement.pointValue).toBe("8.00000000");
  });

  it("answers one gateway query with an institution's grade (supervision), purchases (procurement) and DIP settlement (payment)", async () => {
    const id = "150724-H-001";
    const r = await gql<{
      institution: {
        name: string;
        grade: string;
        purchases: { category: string; totalYuan: string }[];
        dipSettlements: {
          poolingArea: string;
          year: number;
          status: string;
          points: string;
          grossYuan: string;
        }[];
      };
    }>(
      stack.gateway.url,
      `query One($id: ID!) { institution(id: $id) { name grade
          purchases(from: "2022Q1", to: "2022Q4") { category totalYuan }
          dipSettlements(year: 2022) { poolingArea year status points grossYuan } } }`,
      { id },
      national,
    );
    expect(r.errors).toBeUndefined();
    const inst = r.data?.institution;
    expect(inst?.grade).toBe(stack.supervision.institutions.find((i) => i.id === id)?.grade);
    const expectedFen = stack.procurement.purchases
      .filter((p) => p.institutionId === id)
      .reduce((s, p) => s + p.totalFen, 0n);
    const gotFen = (inst?.purchases ?? []).reduce((s, p) => s + BigInt(p.totalYuan.replace(".", "")), 0n);
    expect(inst?.purchases.length).toBeGreaterThan(0);
    expect(gotFen).toBe(expectedFen);
    expect(inst?.dipSettlements).toHaveLength(1);
    const line = inst?.dipSettlements[0];
    expect(line).toMatchObject({ poolingArea: "150700", year: 2022, status: "CLOSED" });
    // Independently: points = Σ cases × score × coefficient of this institution's 2022 rows.
    const demo = stack.payment[0];
    if (!demo) throw new Error("no payment demo loaded");
    const score = new Map(demo.groups.filter((g) => g.year === 2022).map((g) => [g.code, g.score]));
    const coefficient = demo.coefficients.find((c) => c.year === 2022 && c.grade === "II")?.coefficient ?? "";
    const scaled = (s: string) => BigInt(s.replace(".", "").replace(/^0+(?=\d)/, ""));
    let points4 = 0n;
    for (const c of demo.cases.filter((x) => x.institutionId === id && x.quarter.startsWith("2022"))) {
      // score and coefficient have 4 decimals: cases × s × c / 10^4, half-up
      const p = BigInt(c.cases) * scaled(score.get(c.groupCode) ?? "0") * scaled(coefficient);
      points4 += (p + 5_000n) / 10_000n;
    }
    expect(scaled(line?.points ?? "0")).toBe(points4);
  });

  it("reproduces 鄂温克族自治旗's 3,562 DIP cases of 2022 and rolls its KPIs up as Σ/Σ", async () => {
    const r = await gql<{
      region: {
        dipCaseTotal: number;
        paymentKpis: {
          metric: { id: string };
          total: { numerator: number; denominator: number | null; value: number | null };
        }[];
      };
    }>(
      stack.gateway.url,
      `{ region(code: "150724") { dipCaseTotal(from: "2022Q1", to: "2022Q4")
          paymentKpis(from: "2022Q1", to: "2022Q4") { metric { id } total { numerator denominator value } } } }`,
      {},
      await token({ sub: "ewenki", scope: "150724", roles: ["viewer"] }),
    );
    expect(r.errors).toBeUndefined();
    expect(r.data?.region.dipCaseTotal).toBe(3562);
    const byId = Object.fromEntries((r.data?.region.paymentKpis ?? []).map((s) => [s.metric.id, s.total]));
    const demo = stack.payment[0];
    if (!demo) throw new Error("no payment demo loaded");
    const rows = demo.cases.filter((c) => c.regionCode === "150724" && c.quarter.startsWith("2022"));
    const comprehensive = new Set(demo.groups.filter((g) => g.type === "COMPREHENSIVE").map((g) => g.code));
    expect(byId["payment.comprehensive_group_rate"]).toMatchObject({
      denominator: 3562,
      numerator: rows.filter((c) => comprehensive.has(c.groupCode)).reduce((s, c) => s + c.cases, 0),
    });
    const eligible = demo.institutions.filter((i) => i.regionCode === "150724" && i.sinceYear <= 2022).length;
    expect(byId["payment.dip_coverage"]).toMatchObject({ numerator: 2, denominator: eligible });
    // the county's point value is its pool's: Σ quarter shares of the budget / Σ points = the settled point value
    const settled = await gql<{ dipSettlement: Settlement }>(
      stack.gateway.url,
      READ,
      { pool: "150700", year: 2022 },
      national,
    );
    const pv = Number(settled.data?.dipSettlement.pointValue);
    expect(pv).toBeGreaterThan(0);
    expect(byId["payment.dip_point_value"]?.value).toBeCloseTo(pv, 6);
  });

  it("DIP point value only at and below one pool: null (NO_DATA) for a province and the nation, never Σbudget / Σpoints across pools", async () => {
    const q = (code: string) => `{ region(code: "${code}") {
        paymentKpis(from: "2022Q1", to: "2022Q4", metrics: ["payment.dip_point_value"]) {
          total { numerator denominator value status expected flags } points { value status } } } }`;
    type R = {
      region: {
        paymentKpis: {
          total: { value: number | null; status: string; expected: number | null; flags: string[] };
          points: { value: number | null; status: string }[];
        }[];
      };
    };
    const pool = await gql<R>(stack.gateway.url, q("150700"), {}, national);
    expect(pool.errors).toBeUndefined();
    expect(pool.data?.region.paymentKpis[0]?.total.value).toBeGreaterThan(0);
    for (const code of ["150000", "000000"]) {
      const r = await gql<R>(stack.gateway.url, q(code), {}, national);
      expect(r.errors).toBeUndefined();
      const s = r.data?.region.paymentKpis[0];
      expect(s?.total).toMatchObject({ value: null, status: "NO_DATA", expected: null, flags: [] });
      expect(s?.points.every((p) => p.value === null && p.status === "NO_DATA")).toBe(true);
    }
  });

  it("filters settlement lines to the caller's scope: a county sees its pool's point value and its own institutions only", async () => {
    const county = await token({ sub: "ewenki", scope: "150724", roles: ["viewer"] });
    const mine = await gql<{ dipSettlement: Settlement }>(
      stack.gateway.url,
      READ,
      { pool: "150700", year: 2022 },
      county,
    );
    const all = await gql<{ dipSettlement: Settlement }>(
      stack.gateway.url,
      READ,
      { pool: "150700", year: 2022 },
      national,
    );
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.dipSettlement.pointValue).toBe(all.data?.dipSettlement.pointValue);
    expect(mine.data?.dipSettlement.lines.map((l) => l.institutionId)).toEqual([
      "150724-H-001",
      "150724-H-004",
    ]);
    expect(all.data?.dipSettlement.lines.length).toBeGreaterThan(2);
    // Σ gross over the pool is the budget within half a fen per institution
    const lines = all.data?.dipSettlement.lines ?? [];
    const gross = lines.reduce((s, l) => s + BigInt(l.grossYuan.replace(".", "")), 0n);
    const budget = BigInt((all.data?.dipSettlement.budgetYuan ?? "0").replace(".", ""));
    const diff = gross - budget;
    expect(diff <= BigInt(lines.length) && -diff <= BigInt(lines.length)).toBe(true);
  });

  it("sets a global budget, takes quarterly spend and applies surplus retained / overspend shared", async () => {
    const url = stack.gateway.url;
    const set = await gql(
      url,
      SET_BUDGET,
      {
        input: {
          kind: "INSTITUTION",
          poolingArea: POOL,
          key: a.id,
          name: "测试机构总额预算",
          year: YEAR,
          budgetYuan: "1000000.00",
          surplusRetainedShare: "0.6",
          overspendSharedShare: "0.5",
        },
      },
      yueyang,
    );
    expect(set.errors).toBeUndefined();
    const SPEND = `mutation S($input: ReportBudgetSpendInput!) { reportBudgetSpend(input: $input) { changed budget { spentYuan } } }`;
    for (const [quarter, spentYuan] of [
      ["2023Q1", "300000.00"],
      ["2023Q2", "400000.00"],
    ]) {
      const r = await gql(
        url,
        SPEND,
        { input: { kind: "INSTITUTION", key: a.id, quarter, spentYuan } },
        yueyang,
      );
      expect(r.errors).toBeUndefined();
    }
    const again = await gql<{ reportBudgetSpend: { changed: boolean } }>(
      url,
      SPEND,
      { input: { kind: "INSTITUTION", key: a.id, quarter: "2023Q2", spentYuan: "400000" } },
      yueyang,
    );
    expect(again.data?.reportBudgetSpend.changed).toBe(false);
    const negative = await gql(
      url,
      SPEND,
      { input: { kind: "INSTITUTION", key: a.id, quarter: "2023Q3", spentYuan: "-1" } },
      yueyang,
    );
    expect(code(negative)).toBe("BAD_USER_INPUT");
    const list = await gql<{
      globalBudgets: {
        kind: string;
        key: string;
        spentYuan: string;
        executionRate: number;
        surplusYuan: string;
        retainedYuan: string;
      }[];
    }>(
      url,
      `query G($pool: ID!, $year: Int!) { globalBudgets(poolingArea: $pool, year: $year) { kind key spentYuan executionRate surplusYuan retainedYuan } }`,
      { pool: POOL, year: YEAR },
      yueyang,
    );
    expect(list.data?.globalBudgets.find((x) => x.kind === "INSTITUTION" && x.key === a.id)).toEqual({
      kind: "INSTITUTION",
      key: a.id,
      spentYuan: "700000.00",
      executionRate: 70,
      surplusYuan: "300000.00",
      retainedYuan: "180000.00",
    });
    const kpi = await gql<{
      region: { paymentKpis: { total: { numerator: number; denominator: number; value: number } }[] };
    }>(
      url,
      `query K($code: ID!) { region(code: $code) { paymentKpis(from: "2023Q1", to: "2023Q4", metrics: ["payment.budget_execution"]) { total { numerator denominator value } } } }`,
      { code: a.regionCode },
      yueyang,
    );
    expect(kpi.data?.region.paymentKpis[0]?.total).toMatchObject({
      numerator: 700_000,
      denominator: 1_000_000,
    });
    expect(kpi.data?.region.paymentKpis[0]?.total.value).toBeCloseTo(70, 9);
  });

  it("rolls budget execution of 鄂温克族自治旗 2022 up from the demo's institution and alliance budgets", async () => {
    const demo = stack.payment[0];
    if (!demo) throw new Error("no payment demo loaded");
    const budgets = demo.budgets.filter(
      (b) => b.kind !== "POOL" && b.regionCode === "150724" && b.year === 2022,
    );
    expect(budgets.length).toBeGreaterThan(0);
    const spent = budgets.reduce((s, b) => s + b.spend.reduce((t, x) => t + x.spentFen, 0n), 0n);
    const budget = budgets.reduce((s, b) => s + b.budgetFen, 0n);
    const r = await gql<{
      region: { paymentKpis: { total: { numerator: number; denominator: number; value: number } }[] };
    }>(
      stack.gateway.url,
      `{ region(code: "150724") { paymentKpis(from: "2022Q1", to: "2022Q4", metrics: ["payment.budget_execution"]) { total { numerator denominator value } } } }`,
      {},
      national,
    );
    const total = r.data?.region.paymentKpis[0]?.total;
    expect(Math.round((total?.numerator ?? 0) * 100)).toBe(Number(spent));
    expect(Math.round((total?.denominator ?? 0) * 100)).toBe(Number(budget));
    expect(total?.value).toBeCloseTo((100 * Number(spent)) / Number(budget), 9);
  });
});
