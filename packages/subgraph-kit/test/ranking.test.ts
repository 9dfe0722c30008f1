import { Kind, parse } from "graphql";
import { describe, expect, it } from "vitest";
import {
  competitionRanks,
  kpiDomainsOf,
  rankingResolver,
  rankingSDLFor,
  selectsField,
  subgraphTypeDefs,
} from "../src";

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

describe("rankingResolver", () => {
  const catalogue = [
    { id: "x.share", direction: "DOWN" },
    { id: "x.rate", direction: "UP" },
  ];
  // A fake Region.xKpis: value = last two digits of the code, none for codes ending in 0 or 5;
  // counts its calls per tick to show the regions are asked together.
  let calls = 0;
  const kpis = async (region: unknown, args: unknown) => {
    calls++;
    const code = (region as { code: string }).code;
    const { metrics } = args as { metrics: string[] };
    const n = Number(code.slice(4));
    const value = n % 5 === 0 ? null : n % 3;
    return [
      {
        metric: { id: metrics[0] },
        total: { value, numerator: value ?? 0, denominator: 1, status: value === null ? "NO_DATA" : "MET" },
        points: [],
      },
    ];
  };
  const resolve = rankingResolver(kpis, () => catalogue);
  const city = { principal: { sub: "c", name: "c", scope: "150700", roles: ["viewer" as const] } };
  const args = { metric: "x.rate", from: "2023Q1", to: "2023Q4", level: "COUNTY" as const };

  it("ranks the caller's counties, ties shared, no value last with rank null; DOWN → ASC", async () => {
    calls = 0;
    const desc = await resolve(undefined, args, city);
    expect(calls).toBe(desc.length);
    expect(desc.every((r) => r.region.code.startsWith("1507"))).toBe(true);
    const ranked = desc.filter((r) => r.rank !== null);
    expect(ranked[0]?.value).toBe(2);
    for (const r of ranked)
      expect(r.rank).toBe(1 + ranked.filter((o) => (o.value ?? 0) > (r.value ?? 0)).length);
    const firstNull = desc.findIndex((r) => r.rank === null);
    expect(firstNull).toBeGreaterThan(0);
    expect(
      desc.slice(firstNull).every((r) => r.rank === null && r.value === null && r.status === "NO_DATA"),
    ).toBe(true);
    const asc = await resolve(undefined, { ...args, metric: "x.share" }, city);
    expect(asc[0]?.value).toBe(0);
    const lazy = asc[0]?.previousRank;
    expect(typeof lazy === "function" ? await lazy() : "not lazy").toBe(1);
  });

  it("reads the preceding range with the ranking when the query selects previousRank (same ranks)", async () => {
    const lazy = await resolve(undefined, args, city);
    const previous = await Promise.all(
      lazy.map(async (r) => (typeof r.previousRank === "function" ? r.previousRank() : "not lazy")),
    );
    const info = (query: string) => {
      const doc = parse(query);
      const op = doc.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
      const field = op?.kind === Kind.OPERATION_DEFINITION ? op.selectionSet.selections[0] : undefined;
      const fragments = Object.fromEntries(
        doc.definitions.flatMap((d) => (d.kind === Kind.FRAGMENT_DEFINITION ? [[d.name.value, d]] : [])),
      );
      return { fieldNodes: [field], fragments };
    };
    for (const query of [
      "{ xRanking { rank previousRank } }",
      "{ xRanking { rank ...F } } fragment F on RankedRegion { ... on RankedRegion { previousRank } }",
    ]) {
      calls = 0;
      const eager = await resolve(undefined, args, city, info(query));
      expect(calls).toBe(2 * eager.length); // both ranges, in the same call
      expect(eager.map((r) => r.previousRank)).toEqual(previous);
      expect(eager.map((r) => r.rank)).toEqual(lazy.map((r) => r.rank));
    }
    calls = 0;
    const without = await resolve(undefined, args, city, info("{ xRanking { rank value } }"));
    expect(calls).toBe(without.length); // the preceding range is not read
    expect(selectsField(info("{ xRanking { rank } }"), "previousRank")).toBe(false);
  });

  it("refuses another city (FORBIDDEN), a level above within, an unknown metric and first > 500", async () => {
    const code = async (a: object) => {
      try {
        await resolve(undefined, { ...args, ...a }, city);
      } catch (e) {
        return (e as { extensions?: { code?: string } }).extensions?.code;
      }
      return "ok";
    };
    expect(await code({ within: "430600" })).toBe("FORBIDDEN");
    expect(await code({ level: "PROVINCE" })).toBe("BAD_USER_INPUT");
    expect(await code({ metric: "x.nope" })).toBe("BAD_USER_INPUT");
    expect(await code({ first: 501 })).toBe("BAD_USER_INPUT");
    expect((await resolve(undefined, { ...args, first: 3 }, city)).length).toBe(3);
  });
});
