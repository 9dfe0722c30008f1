import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { domainQuery } from "../../../apps/dashboard/src/lib/api";
import { gql, type Stack, startStack, token } from "./stack";

/**
 * No N+1: the SQL statements a GraphQL request sends (counted on every subgraph's database handle)
 * do not grow with the number of regions or entities in the answer. The dashboard's landing query
 * of a domain lists a region's children with their KPIs: the nation has 34 provinces, 内蒙古 12
 * cities, 呼伦贝尔 14 counties — each must cost the same few statements (one per roll-up kind and
 * quarter range, children batched by a per-request DataLoader).
 */

const SCOPES = ["000000", "150000", "150700"];
const DOMAINS = ["enrollment", "procurement", "payment", "supervision"];
/**
 * At most this many statements for one Dashboard_<domain> request: the domain's roll-up kinds
 * (payment has the most: cases, eligible institutions, point value ×2, budgets ×2) for the range
 * with its children, 环比 and 同比 (two more ranges of the region), and the quality flags (issue 15:
 * the region's own history for OUTLIER, its siblings in one batched roll-up, the reports received
 * for PARTIAL_REPORTING), plus the reporting-completeness roll-ups. What matters most is the next
 * check: never a statement per child, so the count does not grow with the number of children.
 */
const MAX_PER_REQUEST = 30;

const INSTITUTIONS = /* GraphQL */ `
  query Institutions($code: ID!, $first: Int!, $from: Quarter!, $to: Quarter!) {
    region(code: $code) {
      institutions(first: $first) {
        edges { node { id name purchases(from: $from, to: $to) { quarter category totalYuan } } }
      }
    }
  }
`;

describe("SQL statements per GraphQL request", () => {
  let stack: Stack;
  let bearer: string;

  beforeAll(async () => {
    stack = await startStack("pglite", undefined, {
      enrollmentScopes: ["150700"],
      supervisionScopes: ["150700"],
      procurementScopes: ["150700"],
      procurementRange: { from: "2023Q1", to: "2023Q4" },
      paymentScopes: ["150700"],
    });
    bearer = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
  }, 180_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const statements = () => Object.values(stack.handles).reduce((n, h) => n + h.stats.statements, 0);

  /** Sends one operation through the gateway and returns the statements it cost. */
  async function cost(query: string, variables: Record<string, unknown>) {
    const before = statements();
    const res = await gql(stack.gateway.url, query, variables, bearer);
    expect(res.errors).toBeUndefined();
    return { n: statements() - before, data: res.data };
  }

  it.each(DOMAINS)("Dashboard_%s costs the same few statements for 34, 12 or 14 children", async (domain) => {
    const counts: number[] = [];
    for (const code of SCOPES) {
      const { n, data } = await cost(domainQuery(domain), {
        code,
        from: "2023Q1",
        to: "2023Q4",
      });
      const children = (data as { region: { children: unknown[] } }).region.children;
      expect(children.length).toBeGreaterThan(10);
      counts.push(n);
    }
    expect(counts[0]).toBeGreaterThan(0);
    expect(counts[0]).toBeLessThanOrEqual(MAX_PER_REQUEST);
    expect(Math.max(...counts)).toBeLessThanOrEqual(MAX_PER_REQUEST);
    // The nation has no siblings to compare with (OUTLIER), so it costs less than a province.
    const [nation, province, city] = counts as [number, number, number];
    expect(nation).toBeLessThan(province);
    if (domain === "payment") {
      // The DIP point value exists only at and below one pool (issue 15): a provincial request
      // skips its roll-up, so it costs fewer than a city's; never a statement per child.
      expect(province).toBeLessThanOrEqual(city);
      expect(city - province).toBeLessThanOrEqual(4);
    } else {
      // 12 or 14 children, both with siblings: the same count.
      expect(city).toBe(province);
    }
  });

  const RANKING_METRICS: Record<string, string> = {
    enrollment: "enrollment.rate",
    procurement: "procurement.purchase_amount",
    payment: "payment.dip_point_value",
    supervision: "supervision.inspections",
  };
  it.each(DOMAINS)(
    "%sRanking costs the same few statements for 14, ≈100 or ≈2,850 counties",
    async (domain) => {
      const counts: number[] = [];
      const lengths: number[] = [];
      for (const within of ["150700", "150000", "000000"]) {
        const { n, data } = await cost(
          `query R($metric: ID!, $within: ID) { list: ${domain}Ranking(metric: $metric, from: "2023Q1", to: "2023Q4", level: COUNTY, within: $within) { rank value status previousRank region { code } } }`,
          { metric: RANKING_METRICS[domain], within },
        );
        lengths.push((data as { list: unknown[] }).list.length);
        counts.push(n);
      }
      expect(lengths[0]).toBeGreaterThan(10);
      expect(lengths[2]).toBeGreaterThan(2800);
      expect(counts[0]).toBeGreaterThan(0);
      expect(counts[0]).toBeLessThanOrEqual(MAX_PER_REQUEST);
      expect(counts).toEqual([counts[0], counts[0], counts[0]]);
    },
  );

  it("a list of institutions with their purchases (entity references) costs the same for 5 or 50", async () => {
    const vars = { code: "150700", from: "2023Q1", to: "2023Q4" };
    const few = await cost(INSTITUTIONS, { ...vars, first: 5 });
    const many = await cost(INSTITUTIONS, { ...vars, first: 50 });
    const edges = (many.data as { region: { institutions: { edges: unknown[] } } }).region.institutions.edges;
    expect(edges.length).toBe(50);
    expect(many.n).toBe(few.n);
    // 4, and one data-version read per subgraph fetched (supervision, procurement): the gateway's
    // response cache asks each subgraph for its data version with the answer.
    expect(many.n).toBeLessThanOrEqual(4 + 2);
  });
});
