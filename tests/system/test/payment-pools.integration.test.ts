// Pooling areas (统筹地区) in payment reform, through the gateway: one definition (@hsa/regions).
// 北京 pools municipally (a district and the municipality read the same point value), a county
// directly under its province (429004 仙桃市) is its own pool, a city's counties read the city's.
// Institutions are registered in supervision, cases reported and budgets set with the mutations;
// only the DIP catalogue (published by the bureau, no mutation) is inserted.
import { schema as paymentSchema } from "@hsa/payment-reform";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type DbKind, type GqlResult, gql, type Stack, startStack, token } from "./stack";

const YEAR = 2023;
const QUARTER = "2023Q2";
const SCORE = 1000; // every test group scores 1000 points; grade III institutions: coefficient 1

/** The pools of the test and their counties: each institution reports `cases` of the one group. */
const POOLS = [
  { pool: "110000", budgetYuan: 9_000_000, counties: { "110105": 300, "110108": 500 } }, // 北京: 朝阳, 海淀
  { pool: "429004", budgetYuan: 4_000_000, counties: { "429004": 250 } }, // 仙桃 (省直管)
  { pool: "429005", budgetYuan: 6_000_000, counties: { "429005": 200 } }, // 潜江 (省直管)
  { pool: "429006", budgetYuan: 3_000_000, counties: { "429006": 120 } }, // 天门 (省直管)
  { pool: "150700", budgetYuan: 12_000_000, counties: { "150724": 180, "150702": 1320 } }, // 呼伦贝尔
] as const;

/** A quarter's point value computed here: a quarter's share of the pool budget / the pool's points. */
function expectedPointValue(pool: (typeof POOLS)[number]): number {
  const points = Object.values(pool.counties).reduce((s: number, n: number) => s + n * SCORE, 0);
  return pool.budgetYuan / 4 / points;
}

const REGISTER = /* GraphQL */ `
  mutation R($input: RegisterInstitutionInput!) { registerInstitution(input: $input) { id } }
`;
const REPORT = /* GraphQL */ `
  mutation Report($input: ReportDipCasesInput!) { reportDipCases(input: $input) { changed aggregates { points } } }
`;
const SET_BUDGET = /* GraphQL */ `
  mutation B($input: SetGlobalBudgetInput!) { setGlobalBudget(input: $input) { changed } }
`;
const POINT_VALUE = /* GraphQL */ `
  query P($code: ID!, $from: Quarter!, $to: Quarter!) {
    region(code: $code) {
      paymentKpis(from: $from, to: $to, metrics: ["payment.dip_point_value"]) {
        total { numerator denominator value status }
      }
    }
  }
`;
type PointValue = { numerator: number; denominator: number | null; value: number | null; status: string };

const code = (r: GqlResult) => r.errors?.[0]?.extensions?.code;
const kinds: DbKind[] = ["pglite", "postgres"];

describe.each(kinds)("pooling areas of payment reform on %s", (kind) => {
  let stack: Stack;
  let admin: string;

  async function pointValue(region: string, scope = "000000"): Promise<PointValue> {
    const viewer = await token({ sub: `viewer-${region}`, scope, roles: ["viewer"] });
    const r = await gql<{ region: { paymentKpis: { total: PointValue }[] } }>(
      stack.gateway.url,
      POINT_VALUE,
      { code: region, from: QUARTER, to: QUARTER },
      viewer,
    );
    expect(r.errors).toBeUndefined();
    const total = r.data?.region.paymentKpis[0]?.total;
    if (!total) throw new Error(`no point value for ${region}`);
    return total;
  }

  beforeAll(async () => {
    stack = await startStack(kind, kind === "postgres" ? inject("pgUrl") : undefined, {
      enrollmentScopes: [],
      seed: async (name, handle) => {
        if (name !== "payment") return;
        await handle.db.insert(paymentSchema.dipGroup).values(
          POOLS.map((p) => ({
            poolingArea: p.pool,
            year: YEAR,
            code: "T01",
            name: "测试病种",
            type: "CORE" as const,
            score: `${SCORE}.0000`,
          })),
        );
      },
    });
    admin = await token({ sub: "root", scope: "000000", roles: ["viewer", "reporter", "approver"] });
    for (const p of POOLS) {
      const budget = await gql(
        stack.gateway.url,
        SET_BUDGET,
        {
          input: {
            kind: "POOL",
            poolingArea: p.pool,
            key: p.pool,
            name: `${p.pool} DIP基金`,
            year: YEAR,
            budgetYuan: `${p.budgetYuan}.00`,
          },
        },
        admin,
      );
      expect(budget.errors).toBeUndefined();
      for (const [county, cases] of Object.entries(p.counties)) {
        const reg = await gql<{ registerInstitution: { id: string } }>(
          stack.gateway.url,
          REGISTER,
          {
            input: {
              name: `${county} 人民医院`,
              kind: "HOSPITAL",
              grade: "III",
              ownership: "PUBLIC",
              regionCode: county,
              agreementStart: "2020-01-01",
            },
          },
          admin,
        );
        expect(reg.errors).toBeUndefined();
        const institutionId = reg.data?.registerInstitution.id;
        const rep = await gql<{ reportDipCases: { aggregates: { points: string }[] } }>(
          stack.gateway.url,
          REPORT,
          { input: { institutionId, quarter: QUARTER, groups: [{ groupCode: "T01", cases }] } },
          admin,
        );
        expect(rep.errors).toBeUndefined();
        expect(Number(rep.data?.reportDipCases.aggregates[0]?.points)).toBe(cases * SCORE);
      }
    }
  }, 240_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("北京 pools municipally: 朝阳区 (110105), 海淀区 and 北京市 itself read the one pool's point value", async () => {
    const beijing = POOLS[0];
    const expected = expectedPointValue(beijing);
    const city = await pointValue("110000");
    expect(city.value).toBeCloseTo(expected, 9);
    expect(city.denominator).toBe((300 + 500) * SCORE);
    // a district's point value is the municipality's, seen from the district's own scope too
    expect(await pointValue("110105")).toEqual(city);
    expect(await pointValue("110108")).toEqual(city);
    expect(await pointValue("110105", "110105")).toEqual(city);
  });

  it("a county directly under its province (429004 仙桃) is its own pool: its point value is not pooled with 429005 / 429006", async () => {
    const [, xiantao, qianjiang, tianmen] = POOLS;
    const own = await pointValue("429004");
    expect(own.value).toBeCloseTo(expectedPointValue(xiantao), 9);
    expect(own.denominator).toBe(250 * SCORE);
    expect(own.numerator).toBeCloseTo(xiantao.budgetYuan / 4, 6);
    expect((await pointValue("429005")).value).toBeCloseTo(expectedPointValue(qianjiang), 9);
    expect((await pointValue("429006")).value).toBeCloseTo(expectedPointValue(tianmen), 9);
    // the three pools' Σbudget / Σpoints would be something else: the province has no point value
    expect(await pointValue("420000")).toMatchObject({ value: null, status: "NO_DATA" });
  });

  it("呼伦贝尔 (150700) unchanged: 鄂温克族自治旗 (150724) reads its city's pool; 内蒙古 has none", async () => {
    const hulunbuir = POOLS[4];
    const city = await pointValue("150700");
    expect(city.value).toBeCloseTo(expectedPointValue(hulunbuir), 9);
    expect(await pointValue("150724")).toEqual(city);
    expect(await pointValue("150000")).toMatchObject({ value: null, status: "NO_DATA" });
  });

  it("stores every case under the pool @hsa/regions names, and refuses a district or a province as a pool", async () => {
    const db = stack.handles.payment?.db;
    if (!db) throw new Error("no payment database");
    const rows = await db
      .selectDistinct({
        region: paymentSchema.dipCaseAggregate.regionCode,
        pool: paymentSchema.dipCaseAggregate.poolingArea,
      })
      .from(paymentSchema.dipCaseAggregate);
    const stored = Object.fromEntries(rows.map((r) => [r.region, r.pool]));
    const expected = Object.fromEntries(
      POOLS.flatMap((p) => Object.keys(p.counties).map((county) => [county, p.pool])),
    );
    expect(stored).toEqual(expected);

    for (const [pool, names] of [
      ["110105", "110000"],
      ["420000", "spans several pools"],
    ] as const) {
      const r = await gql(
        stack.gateway.url,
        SET_BUDGET,
        {
          input: { kind: "POOL", poolingArea: pool, key: pool, name: "x", year: YEAR, budgetYuan: "1.00" },
        },
        admin,
      );
      expect(code(r)).toBe("BAD_USER_INPUT");
      expect(r.errors?.[0]?.message).toContain(names);
    }
  });
});
