import { parse } from "graphql";
import { describe, expect, it } from "vitest";
import { competitionRanks, kpiDomainsOf, rankingSDLFor, subgraphTypeDefs } from "../src";

describe("competitionRanks", () => {
  it("gives ties one rank and skips the next (1, 2, 2, 4); no value, no rank", () => {
    const values = new Map<string, number | null>([
      ["a", 90],
      ["b", 95],
      ["c", 95],
      ["d", 80],
      ["e", null],
    ]);
    expect(Object.fromEntries(competitionRanks(values, "DESC"))).toEqual({ b: 1, c: 1, a: 3, d: 4 });
    expect(Object.fromEntries(competitionRanks(values, "ASC"))).toEqual({ d: 1, a: 2, b: 3, c: 3 });
  });
});

describe("ranking SDL", () => {
  it("adds Query.<domain>Ranking for every Region.<domain>Kpis", () => {
    const own = `extend type Region @key(fields: "code") { fooKpis(from: Quarter!, to: Quarter!, metrics: [ID!]): [KpiSeries!]! }
      type Query { fooMetrics: [Metric!]! }`;
    expect(kpiDomainsOf(parse(own))).toEqual(["foo"]);
    expect(rankingSDLFor([])).toBe("");
    const doc = subgraphTypeDefs(own);
    const query = doc.definitions.flatMap((d) =>
      "name" in d && d.name?.value === "Query" && "fields" in d
        ? (d.fields ?? []).map((f) => f.name.value)
        : [],
    );
    expect(query).toContain("fooRanking");
  });
});
