import type { KpiSeries, KpiStatus, KpiValue } from "@hsa/kpi";
import { API_FIRST_QUARTER, addQuarters, quarterIndex } from "@hsa/periods";
import { descendants, type Region, type RegionLevel, requireRegion } from "@hsa/regions";
import { type DocumentNode, type GraphQLResolveInfo, Kind, type SelectionSetNode } from "graphql";
import type { Principal } from "./auth";
import { badInput } from "./errors";
import { parseKpiArgs } from "./kpis";
import { domainNameZh } from "./registry";
import { filterToScope, requireRegionInScope } from "./scope";

/** Largest `first` of a `<domain>Ranking` query. */
export const MAX_RANKING_FIRST = 500;

const LEVELS: readonly RegionLevel[] = ["NATION", "PROVINCE", "CITY", "COUNTY"];

/** The shared types of every `Query.<domain>Ranking` (added once per subgraph that has one). */
export const rankingTypesSDL = /* GraphQL */ `
"排名顺序：DESC 数值最高者居首，ASC 最低者居首。Order of a ranking: DESC puts the highest value first, ASC the lowest."
enum RankOrder {
  "升序：数值最低者排第 1。Ascending: the lowest value ranks first."
  ASC
  "降序：数值最高者排第 1。Descending: the highest value ranks first."
  DESC
}

"某区域在某指标、某季度区间排名中的位置。One region's place in a ranking of one KPI over a quarter range."
type RankedRegion @shareable {
  """
  竞争排名（1, 2, 2, 4）：数值相同的区域并列，下一名次跳过；区间内无数值（NO_DATA）的区域为 null，按代码顺序排在最后。
  Competition ranking (1, 2, 2, 4): regions with the same value share a rank and the next rank
  skips. null for a region without a value over the range (NO_DATA): those come last, in code order.
  """
  rank: Int
  "被排名的区域。The ranked region."
  region: Region!
  "区间合计，算法同 KpiSeries.total（率为 Σ分子 / Σ分母）。The range total, computed like KpiSeries.total (Σnumerator / Σdenominator for rates)."
  value: Float
  "区间分子合计（基本单位：人、元、分、次）。Range numerator in base units (persons, yuan, fen, cases)."
  numerator: Float
  "区间分母合计；计数和金额类指标为 null。Range denominator; null for counts and amounts."
  denominator: Float
  "与目标比较的状态。Status against the target."
  status: KpiStatus!
  """
  上一等长区间（如 2023Q1–Q4 → 2022Q1–Q4）在相同区域中按相同方式的排名；该区间无数值或早于 2000Q1 时为 null。
  The region's rank, ranked the same way among the same regions, over the preceding range of
  the same length (2023Q1–Q4 → 2022Q1–Q4); null when it had no value there or that range starts
  before 2000Q1.
  """
  previousRank: Int
}
`;

/** The `Query.<domain>Ranking` field of one domain. */
export function rankingFieldSDL(domain: string): string {
  const zh = domainNameZh(domain);
  return /* GraphQL */ `
extend type Query {
  """
  按一个${zh}指标（${domain}Metrics 中的编号）对某级别的区域在 from–to 区间内排名，一次汇总全部区域。within：
  在其下属该级别区域中排名的区域（默认：你的权限区划；超出则 FORBIDDEN），如市医保局对所辖县排名。order：默认按指标方向
  （UP → DESC，DOWN → ASC，NEUTRAL → DESC）。数值相同者并列（竞争排名 1, 2, 2, 4）；无数值者排最后，rank 为 null。
  first：1–${MAX_RANKING_FIRST}（默认：within 内该级别的全部区域）。
  The regions of one level ranked by one ${domain} KPI (an id from ${domain}Metrics) over from–to, in
  one roll-up for all of them. within: the region whose subregions of that level are ranked
  (default: your scope; FORBIDDEN outside it), so a city office ranks its counties. order: default
  from the metric's direction (UP → DESC, DOWN → ASC, NEUTRAL → DESC). Ties share a rank
  (competition ranking 1, 2, 2, 4); regions without a value come last with rank null.
  first: 1–${MAX_RANKING_FIRST} (default: every region of the level within).
  """
  ${domain}Ranking(
    "指标编号（${domain}Metrics 中的 id）。Metric id from ${domain}Metrics."
    metric: ID!
    "起始季度（含），如 2024Q1。First quarter of the range (inclusive), e.g. 2024Q1."
    from: Quarter!
    "结束季度（含），如 2024Q4。Last quarter of the range (inclusive), e.g. 2024Q4."
    to: Quarter!
    "参与排名的区划级别，如 COUNTY。Level of the ranked regions, e.g. COUNTY."
    level: RegionLevel!
    "在其下属区域中排名的区划代码（六位）；默认你的权限区划，超出权限则 FORBIDDEN。Region whose subregions are ranked (six-digit code); default your scope, FORBIDDEN outside it."
    within: ID
    "排名顺序；默认由指标方向决定。Ranking order; default from the metric's direction."
    order: RankOrder
    "返回前几名，1–${MAX_RANKING_FIRST}；默认全部。How many to return, 1–${MAX_RANKING_FIRST}; default all."
    first: Int
  ): [RankedRegion!]!
}
`;
}

/** Domains of a schema: every `Region.<domain>Kpis` field. */
export function kpiDomainsOf(doc: DocumentNode): string[] {
  const out: string[] = [];
  for (const def of doc.definitions) {
    if (
      (def.kind === Kind.OBJECT_TYPE_DEFINITION || def.kind === Kind.OBJECT_TYPE_EXTENSION) &&
      def.name.value === "Region"
    ) {
      for (const f of def.fields ?? []) {
        const m = /^([a-z][A-Za-z0-9]*)Kpis$/.exec(f.name.value);
        if (m?.[1] && !out.includes(m[1])) out.push(m[1]);
      }
    }
  }
  return out;
}

/** The ranking SDL of a schema's domains ("" when it has no `<domain>Kpis` field). */
export function rankingSDLFor(domains: readonly string[]): string {
  return domains.length ? [rankingTypesSDL, ...domains.map(rankingFieldSDL)].join("\n") : "";
}

export interface RankingArgs {
  metric: string;
  from: string;
  to: string;
  level: RegionLevel;
  within?: string | null;
  order?: "ASC" | "DESC" | null;
  first?: number | null;
}

export interface RankedRegion {
  rank: number | null;
  region: Region;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  status: KpiStatus;
  /** computed with the ranking when the query selects it, else on first use */
  previousRank: number | null | (() => Promise<number | null>);
}

interface MetricLike {
  id: string;
  direction?: string;
}

type Resolver = (parent: unknown, args: unknown, ctx: unknown, info?: unknown) => unknown;

/** A `<domain>Kpis` resolver with @hsa/subgraph-kit's batch entry (`kpiResolver`'s `rangeTotals`). */
type RangeTotals = (
  regions: readonly Region[],
  args: { from: string; to: string; metric: string },
  ctx: unknown,
) => Promise<Map<string, KpiValue>>;

/**
 * Whether the field being resolved selects `name` among its own fields (through fragments too; an
 * unknown fragment counts as selecting it). false without a resolve info.
 */
export function selectsField(info: unknown, name: string): boolean {
  const i = info as Partial<GraphQLResolveInfo> | undefined;
  if (!i?.fieldNodes) return false;
  const seen = new Set<string>();
  const walk = (set: SelectionSetNode | undefined): boolean =>
    (set?.selections ?? []).some((sel) => {
      if (sel.kind === Kind.FIELD) return sel.name.value === name;
      if (sel.kind === Kind.INLINE_FRAGMENT) return walk(sel.selectionSet);
      const f = sel.name.value;
      if (seen.has(f)) return false;
      seen.add(f);
      const fragment = i.fragments?.[f];
      return fragment ? walk(fragment.selectionSet) : true;
    });
  return i.fieldNodes.some((n) => walk(n.selectionSet));
}

/** Competition ranks (1, 2, 2, 4) by code → value; regions without a value get none. */
export function competitionRanks(
  values: ReadonlyMap<string, number | null>,
  order: "ASC" | "DESC",
): Map<string, number> {
  const sorted = [...values]
    .filter((e): e is [string, number] => e[1] !== null && Number.isFinite(e[1]))
    .sort((a, b) => (order === "DESC" ? b[1] - a[1] : a[1] - b[1]) || (a[0] < b[0] ? -1 : 1));
  const ranks = new Map<string, number>();
  sorted.forEach(([code, v], i) => {
    const prev = sorted[i - 1];
    ranks.set(code, prev && prev[1] === v ? (ranks.get(prev[0]) as number) : i + 1);
  });
  return ranks;
}

/**
 * `Query.<domain>Ranking` from the subgraph's own `Region.<domain>Kpis` resolver (called for every
 * region in the same tick, so its region roll-up loader answers all of them with one statement
 * per query kind) and its `Query.<domain>Metrics` (the catalogue, for ids and directions).
 */
export function rankingResolver(kpis: Resolver, metricsOf: Resolver) {
  return async (
    _parent: unknown,
    args: RankingArgs,
    ctx: { principal: Principal },
    info?: unknown,
  ): Promise<RankedRegion[]> => {
    const catalogue = (await metricsOf(undefined, {}, ctx, info)) as MetricLike[];
    const metric = catalogue.find((m) => m.id === args.metric);
    if (!metric) {
      throw badInput(`unknown metric id: ${args.metric}; known: ${catalogue.map((m) => m.id).join(", ")}`, {
        argumentName: "metric",
      });
    }
    parseKpiArgs(catalogue as never[], { from: args.from, to: args.to });
    if (args.first !== null && args.first !== undefined) {
      if (!Number.isInteger(args.first) || args.first < 1 || args.first > MAX_RANKING_FIRST) {
        throw badInput(`first must be 1–${MAX_RANKING_FIRST}, got ${args.first}`, { argumentName: "first" });
      }
    }
    const p = ctx.principal;
    let within: Region;
    if (args.within) within = requireRegionInScope(p, args.within, "within");
    else if (p.scope === null) return [];
    else within = requireRegion(p.scope);
    if (LEVELS.indexOf(args.level) < LEVELS.indexOf(within.level)) {
      throw badInput(`level ${args.level} is above ${within.code} (${within.level}): nothing to rank`, {
        argumentName: "level",
      });
    }
    const regions = filterToScope(
      p,
      within.level === args.level ? [within] : descendants(within.code, args.level),
    );
    const order = args.order ?? (metric.direction === "DOWN" ? "ASC" : "DESC");
    const batch = (kpis as Resolver & { rangeTotals?: RangeTotals }).rangeTotals;
    const totals = async (from: string, to: string): Promise<ReadonlyMap<string, KpiValue | null>> => {
      if (batch) return batch(regions, { from, to, metric: metric.id }, ctx);
      const list = await Promise.all(
        regions.map(
          async (r) =>
            [
              r.code,
              ((await kpis(r, { from, to, metrics: [metric.id] }, ctx, info)) as KpiSeries[])[0]?.total ??
                null,
            ] as const,
        ),
      );
      return new Map(list);
    };
    const span = quarterIndex(args.to) - quarterIndex(args.from) + 1;
    let previous: Promise<Map<string, number> | null> | undefined;
    const previousRanks = () => {
      previous ??= (async () => {
        const from = addQuarters(args.from, -span);
        if (from < API_FIRST_QUARTER) return null;
        const prev = await totals(from, addQuarters(args.to, -span));
        return competitionRanks(new Map([...prev].map(([c, t]) => [c, t?.value ?? null])), order);
      })();
      return previous;
    };
    // Both ranges read at once when the query asks for previousRank (one plain value per row then,
    // not a promise per row); otherwise the preceding range is never read.
    const [current, eager] = await Promise.all([
      totals(args.from, args.to),
      selectsField(info, "previousRank") ? previousRanks() : undefined,
    ]);
    const ranks = competitionRanks(new Map([...current].map(([c, t]) => [c, t?.value ?? null])), order);
    const rows: RankedRegion[] = regions.map((region) => {
      const t = current.get(region.code) ?? null;
      const rank = ranks.get(region.code) ?? null;
      return {
        rank,
        region,
        value: rank === null ? null : (t?.value ?? null),
        numerator: t?.numerator ?? null,
        denominator: t?.denominator ?? null,
        status: t?.status ?? "NO_DATA",
        previousRank:
          eager === undefined
            ? async () => (await previousRanks())?.get(region.code) ?? null
            : (eager?.get(region.code) ?? null),
      };
    });
    rows.sort(
      (a, b) =>
        (a.rank ?? Number.POSITIVE_INFINITY) - (b.rank ?? Number.POSITIVE_INFINITY) ||
        (a.region.code < b.region.code ? -1 : 1),
    );
    return args.first ? rows.slice(0, args.first) : rows;
  };
}

/**
 * Adds `Query.<domain>Ranking` for every `Region.<domain>Kpis` resolver of a map that has its
 * `Query.<domain>Metrics` (run on the raw resolvers, before `withKpiComparisonResolvers`).
 */
export function withRankingResolvers<M extends Record<string, unknown>>(map: M): M {
  const region = map.Region as Record<string, unknown> | undefined;
  const query = (map.Query ?? {}) as Record<string, unknown>;
  if (!region) return map;
  const out: Record<string, unknown> = { ...query };
  for (const [field, resolver] of Object.entries(region)) {
    const domain = /^([a-z][A-Za-z0-9]*)Kpis$/.exec(field)?.[1];
    const metrics = domain ? query[`${domain}Metrics`] : undefined;
    if (
      domain &&
      typeof resolver === "function" &&
      typeof metrics === "function" &&
      !out[`${domain}Ranking`]
    ) {
      out[`${domain}Ranking`] = rankingResolver(resolver as Resolver, metrics as Resolver);
    }
  }
  return { ...map, Query: out };
}
