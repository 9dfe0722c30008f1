import type { KpiSeries } from "@hsa/kpi";
import { API_FIRST_QUARTER, addQuarters, currentQuarter } from "@hsa/periods";
import type { Principal } from "./auth";
import { domainNameZh } from "./registry";
import { requireRegionInScope } from "./scope";

/** Quarters one look-back window of `<domain>LatestQuarter` covers (one KPI roll-up each). */
export const LATEST_WINDOW = 8;
/** Windows it looks back at most: 24 quarters, never a ten-year national roll-up. */
export const LATEST_WINDOWS = 3;

/** The `Query.<domain>LatestQuarter` field of one domain. */
export function latestQuarterFieldSDL(domain: string): string {
  const zh = domainNameZh(domain);
  return /* GraphQL */ `
extend type Query {
  """
  该区域${zh}最近一个有上报数据的季度（任一指标有数值；报表完整率、及时率不计，它们每个已结束季度都有值），从本季度起
  向前最多查 ${LATEST_WINDOW * LATEST_WINDOWS} 个季度；没有则为 null。region 超出你的权限区划则 FORBIDDEN。
  仪表盘据此选默认区间，登录时每个领域不必再试探多个区间。
  The latest quarter with reported ${domain} data for the region (any KPI with a value; the
  reporting completeness and timeliness KPIs do not count: they have a value for every ended
  quarter), looking back at most ${LATEST_WINDOW * LATEST_WINDOWS} quarters from the current one; null when none.
  FORBIDDEN for a region outside your scope. The dashboard picks its default range from it
  instead of probing ranges per domain at sign-in.
  """
  ${domain}LatestQuarter(
    "区划代码（六位），如 150700。Region code (six digits), e.g. 150700."
    region: ID!
  ): Quarter
}
`;
}

/** The completeness KPIs every domain adds (`<domain>.reporting_completeness` / `_timeliness`). */
export function isCompletenessMetric(metricId: string): boolean {
  return /\.reporting_(completeness|timeliness)$/.test(metricId);
}

type Resolver = (parent: unknown, args: unknown, ctx: unknown, info?: unknown) => unknown;

/**
 * `Query.<domain>LatestQuarter` from the subgraph's own `Region.<domain>Kpis` resolver and its
 * catalogue: windows of LATEST_WINDOW quarters back from `now`'s quarter (at most LATEST_WINDOWS),
 * the region only, the catalogue's KPIs but the completeness ones; the last quarter where one of
 * them has a value (status other than NO_DATA).
 */
export function latestQuarterResolver(
  kpis: Resolver,
  metricsOf: Resolver,
  now: () => Date = () => new Date(),
) {
  return async (
    _parent: unknown,
    args: { region: string },
    ctx: { principal: Principal },
    info?: unknown,
  ): Promise<string | null> => {
    const region = requireRegionInScope(ctx.principal, args.region, "region");
    const catalogue = (await metricsOf(undefined, {}, ctx, info)) as { id: string }[];
    const metrics = catalogue.map((m) => m.id).filter((id) => !isCompletenessMetric(id));
    if (metrics.length === 0) return null;
    let to = currentQuarter(now());
    for (let w = 0; w < LATEST_WINDOWS; w++) {
      let from = addQuarters(to, -(LATEST_WINDOW - 1));
      if (from < API_FIRST_QUARTER) from = API_FIRST_QUARTER;
      if (to < from) return null;
      const series = (await kpis(region, { from, to, metrics }, ctx, info)) as KpiSeries[];
      let latest: string | null = null;
      for (const s of series)
        for (const pt of s.points)
          if (pt.status !== "NO_DATA" && pt.quarter && (latest === null || pt.quarter > latest))
            latest = pt.quarter;
      if (latest) return latest;
      to = addQuarters(from, -1);
    }
    return null;
  };
}

/**
 * Adds `Query.<domain>LatestQuarter` for every `Region.<domain>Kpis` resolver of a map that has
 * its `Query.<domain>Metrics` (run on the raw resolvers, like the ranking).
 */
export function withLatestQuarterResolvers<M extends Record<string, unknown>>(map: M): M {
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
      !out[`${domain}LatestQuarter`]
    )
      out[`${domain}LatestQuarter`] = latestQuarterResolver(resolver as Resolver, metrics as Resolver);
  }
  return { ...map, Query: out };
}
