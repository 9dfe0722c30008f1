// Issue 17: a ranking reads every county at once (each subgraph's batch reads, `loadSumsMany` and
// `recountMany`), while `Region.<domain>Kpis` reads region by region through the loaders. For every
// KPI of every domain in the registry (read from the graph), each county's ranked figures are
// exactly the range total its own `<domain>Kpis` answers — over a year (flows summed, stocks at the
// end, distinct counts counted again over the range) and over one quarter.
import { descendants } from "@hsa/regions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { allModules, gql, type Stack, startStack, token } from "./stack";

const CITY = "150700"; // 呼伦贝尔: every domain's demo has its counties
const RANGES = [
  { from: "2023Q1", to: "2023Q4" },
  { from: "2023Q3", to: "2023Q3" },
];

interface Figures {
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: string;
}
type Ranked = Figures & { rank: number | null; region: { code: string } };

describe("<domain>Ranking equals each county's own <domain>Kpis total, for every KPI of every domain", () => {
  let stack: Stack;
  let viewer: string;
  const counties = descendants(CITY, "COUNTY").map((r) => r.code);

  beforeAll(async () => {
    const others = allModules
      .filter((m) => m.insertDemoScope)
      .map((m): [string, string[]] => [m.name, [CITY]]);
    stack = await startStack("pglite", undefined, {
      enrollmentScopes: [CITY],
      supervisionScopes: [CITY],
      procurementScopes: [CITY],
      paymentScopes: [CITY],
      demoScopes: Object.fromEntries(others),
    });
    viewer = await token({ sub: "hlbr", scope: CITY, roles: ["viewer"] });
  }, 600_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("ranks with the figures each county's own KPI query answers", async () => {
    const domains = await gql<{ domains: { name: string; kpiField: string; metricsField: string }[] }>(
      stack.gateway.url,
      "{ domains { name kpiField metricsField } }",
      {},
      viewer,
    );
    expect(domains.errors).toBeUndefined();
    const list = domains.data?.domains ?? [];
    expect(list.length).toBeGreaterThanOrEqual(4);
    let compared = 0;
    for (const d of list) {
      const catalogue = await gql<Record<string, { id: string }[]>>(
        stack.gateway.url,
        `{ ${d.metricsField} { id } }`,
        {},
        viewer,
      );
      expect(catalogue.errors).toBeUndefined();
      const metrics = (catalogue.data?.[d.metricsField] ?? []).map((m) => m.id);
      expect(metrics.length, d.name).toBeGreaterThan(0);
      let withData = 0;
      for (const metric of metrics) {
        for (const range of RANGES) {
          const ranking = await gql<Record<string, Ranked[]>>(
            stack.gateway.url,
            `query R($metric: ID!, $from: Quarter!, $to: Quarter!) {
              ranked: ${d.name}Ranking(metric: $metric, from: $from, to: $to, level: COUNTY, within: "${CITY}") {
                rank region { code } value numerator denominator status
              }
            }`,
            { metric, ...range },
            viewer,
          );
          expect(ranking.errors, `${metric} ${range.from}–${range.to}`).toBeUndefined();
          const own = await gql<Record<string, Record<string, { total: Figures }[]>>>(
            stack.gateway.url,
            `query K($metric: ID!, $from: Quarter!, $to: Quarter!) {
              ${counties
                .map(
                  (c) =>
                    `c${c}: region(code: "${c}") { ${d.kpiField}(from: $from, to: $to, metrics: [$metric]) { total { value numerator denominator status } } }`,
                )
                .join("\n")}
            }`,
            { metric, ...range },
            viewer,
          );
          expect(own.errors, `${metric} ${range.from}–${range.to}`).toBeUndefined();
          const rows = ranking.data?.ranked ?? [];
          expect(rows.map((r) => r.region.code).sort()).toEqual([...counties].sort());
          for (const r of rows) {
            const total = own.data?.[`c${r.region.code}`]?.[d.kpiField]?.[0]?.total;
            const where = `${metric} ${range.from}–${range.to} ${r.region.code}`;
            expect(total, where).toBeDefined();
            expect({ numerator: r.numerator, denominator: r.denominator, status: r.status }, where).toEqual({
              numerator: total?.numerator,
              denominator: total?.denominator,
              status: total?.status,
            });
            // a ranked value is the total's (a region without one is unranked: rank and value null)
            expect(r.value, where).toBe(r.rank === null ? null : total?.value);
            if (r.rank !== null) withData++;
            compared++;
          }
        }
      }
      // every domain's demo gives its counties figures (the comparison is not between empty answers)
      expect(withData, d.name).toBeGreaterThan(0);
    }
    expect(compared).toBeGreaterThan(100);
  }, 600_000);
});
