import { getRegion } from "@hsa/regions";
// Issue 15 item 3: Query.<domain>Ranking through the gateway. The national ranking of every
// county for enrollment.rate equals an independent sort of Σnumerator / Σdenominator computed from
// the loaded demo facts (exact rational comparison, competition ranks 1, 2, 2, 4); a city token
// ranks only its counties; another city's `within` is FORBIDDEN.

import type { EnrollmentFacts } from "@hsa/demo-data";
import { descendants, isInSubtree } from "@hsa/regions";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gql, type Stack, startStack, token } from "./stack";

interface Ranked {
  rank: number | null;
  region: { code: string };
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: string;
  previousRank?: number | null;
}

// Eight fields a row keeps the national ranking of ≈2,860 counties within the gateway's cost limit
// (25,000: each field of each row counts).
const RANKING = /* GraphQL */ `
  query Rank($from: Quarter!, $to: Quarter!, $within: ID, $order: RankOrder, $first: Int) {
    enrollmentRanking(metric: "enrollment.rate", from: $from, to: $to, level: COUNTY, within: $within, order: $order, first: $first) {
      rank region { code } value numerator denominator status previousRank
    }
  }
`;

type Fig = { num: bigint; den: bigint };

/** enrollment.rate is a STOCK: the figures of the range's last quarter, per county. */
function figures(facts: EnrollmentFacts[], quarter: string, counties: readonly string[]): Map<string, Fig> {
  const out = new Map<string, Fig>();
  const rows = facts.filter((f) => f.quarter === quarter);
  const byCounty = new Map<string, EnrollmentFacts[]>();
  for (const f of rows) {
    const c = counties.find((x) => x === f.regionCode) ?? counties.find((x) => isInSubtree(f.regionCode, x));
    if (!c) continue;
    byCounty.set(c, [...(byCounty.get(c) ?? []), f]);
  }
  for (const [c, list] of byCounty) {
    const num = list.reduce((s, f) => s + BigInt(f.insuredEmployee + f.insuredResident), 0n);
    const den = list.reduce((s, f) => s + BigInt(f.registeredPopulation), 0n);
    if (den > 0n) out.set(c, { num, den });
  }
  return out;
}

/** Competition ranks, highest rate first, by exact comparison of num/den. */
function independentRanks(figs: Map<string, Fig>): Map<string, number> {
  const cmp = (a: Fig, b: Fig) => {
    const l = a.num * b.den;
    const r = b.num * a.den;
    return l > r ? -1 : l < r ? 1 : 0;
  };
  const ranks = new Map<string, number>();
  const list = [...figs.values()];
  for (const [code, f] of figs) ranks.set(code, 1 + list.filter((o) => cmp(o, f) < 0).length);
  return ranks;
}

const NATION = "000000";
const CITY = "150700";
const FROM = "2023Q1";
const TO = "2023Q4";

describe("Query.enrollmentRanking through the gateway (pglite, national enrollment demo)", () => {
  let stack: Stack;
  let nation: string;
  let city: string;
  let counties: string[];

  beforeAll(async () => {
    stack = await startStack("pglite", undefined, { enrollmentScopes: [NATION] });
    nation = await token({ sub: "leader", scope: NATION, roles: ["viewer"] });
    city = await token({ sub: "hlbr", scope: CITY, roles: ["viewer"] });
    counties = descendants(NATION, "COUNTY").map((r) => r.code);
  }, 600_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("ranks every county of the country like an independent sort of Σnum/Σden (ties share a rank)", async () => {
    const r = await gql<{ enrollmentRanking: Ranked[] }>(
      stack.gateway.url,
      RANKING,
      { from: FROM, to: TO },
      nation,
    );
    expect(r.errors).toBeUndefined();
    const list = r.data?.enrollmentRanking ?? [];
    expect(list.length).toBe(counties.length);
    expect(counties.length).toBeGreaterThan(2800);
    const figs = figures(stack.facts, TO, counties);
    expect(figs.size).toBeGreaterThan(2800);
    const ranks = independentRanks(figs);
    const prevRanks = independentRanks(figures(stack.facts, "2022Q4", counties));
    const withValue = list.filter((x) => x.rank !== null);
    expect(withValue.length).toBe(figs.size);
    for (const x of list) {
      const f = figs.get(x.region.code);
      expect(getRegion(x.region.code)?.level).toBe("COUNTY");
      if (!f) {
        expect(x, x.region.code).toMatchObject({ rank: null, value: null, status: "NO_DATA" });
        continue;
      }
      expect(x.rank, x.region.code).toBe(ranks.get(x.region.code));
      expect(x.numerator).toBe(Number(f.num));
      expect(x.denominator).toBe(Number(f.den));
      expect(x.value).toBeCloseTo((100 * Number(f.num)) / Number(f.den), 9);
      expect(x.previousRank ?? null, `${x.region.code} previousRank`).toBe(
        prevRanks.get(x.region.code) ?? null,
      );
    }
    // Sorted by rank (rank null last), then by code; ranks are competition ranks.
    for (let i = 1; i < list.length; i++) {
      const a = list[i - 1] as Ranked;
      const b = list[i] as Ranked;
      if (b.rank === null) continue;
      expect(a.rank).not.toBeNull();
      expect(a.rank as number).toBeLessThanOrEqual(b.rank);
      if ((a.value as number) > (b.value as number)) expect(b.rank).toBe(i + 1);
    }
    expect(list[0]?.rank).toBe(1);
  });

  it("order and first: ASC puts the lowest first; first is at most 500", async () => {
    const asc = await gql<{ enrollmentRanking: Ranked[] }>(
      stack.gateway.url,
      RANKING,
      { from: FROM, to: TO, order: "ASC", first: 5 },
      nation,
    );
    expect(asc.errors).toBeUndefined();
    const lowest = asc.data?.enrollmentRanking ?? [];
    expect(lowest.length).toBe(5);
    expect(lowest[0]?.rank).toBe(1);
    const all = [...figures(stack.facts, TO, counties).values()].map((f) => Number(f.num) / Number(f.den));
    expect((lowest[0]?.value as number) / 100).toBeCloseTo(Math.min(...all), 9);
    const tooMany = await gql(stack.gateway.url, RANKING, { from: FROM, to: TO, first: 501 }, nation);
    expect(tooMany.errors?.[0]?.extensions?.code).toBe("BAD_USER_INPUT");
  });

  it("a city token ranks only its own counties; another city's within is FORBIDDEN", async () => {
    const r = await gql<{ enrollmentRanking: Ranked[] }>(
      stack.gateway.url,
      RANKING,
      { from: FROM, to: TO },
      city,
    );
    expect(r.errors).toBeUndefined();
    const list = r.data?.enrollmentRanking ?? [];
    const own = descendants(CITY, "COUNTY").map((x) => x.code);
    expect(list.map((x) => x.region.code).sort()).toEqual([...own].sort());
    const ranks = independentRanks(figures(stack.facts, TO, own));
    for (const x of list) expect(x.rank, x.region.code).toBe(ranks.get(x.region.code) ?? null);

    const other = await gql(stack.gateway.url, RANKING, { from: FROM, to: TO, within: "430600" }, city);
    expect(other.errors?.[0]?.extensions?.code).toBe("FORBIDDEN");
    expect(other.data?.enrollmentRanking ?? null).toBeNull();
  });
});
