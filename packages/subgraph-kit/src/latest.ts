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
  该区域${zh}最近一个有上报数据的季度（该领域任一上报表里有该区域或其下级的行；未上报的季度不算），从本季度起
  向前最多查 ${LATEST_WINDOW * LATEST_WINDOWS} 个季度；没有则为 null。region 超出你的权限区划则 FORBIDDEN。
  仪表盘据此选默认区间，登录时每个领域不必再试探多个区间。
  The latest quarter with reported ${domain} figures for the region (a row of the region or a unit
  below it in any of the domain's reported tables), looking back at most
  ${LATEST_WINDOW * LATEST_WINDOWS} quarters from the current one; null when none. FORBIDDEN for a
  region outside your scope. The dashboard picks its default range from it instead of probing
  ranges per domain at sign-in.
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
 * `Query.<domain>LatestQuarter`. With the domain's reported tables (`reported`, the workflow's
 * `latestReportedQuarter`): one `max(quarter)` per table over the region's subtree. Without (a
 * subgraph with KPIs but no reporting workflow): from the subgraph's own `Region.<domain>Kpis`
 * resolver and its catalogue: windows of LATEST_WINDOW quarters back from `now`'s quarter (at most LATEST_WINDOWS),
 * the region only, the catalogue's KPIs but the completeness ones; the last quarter where one of
 * them has a value (status other than NO_DATA).
 */
export function latestQuarterResolver(
  kpis: Resolver,
  metricsOf: Resolver,
  now: () => Date = () => new Date(),
  reported?: (regionCode: string, upTo: string) => Promise<string | null>,
) {
  return async (
    _parent: unknown,
    args: { region: string },
    ctx: { principal: Principal },
    info?: unknown,
  ): Promise<string | null> => {
    const region = requireRegionInScope(ctx.principal, args.region, "region");
    if (reported) {
      const current = currentQuarter(now());
      const q = await reported(region.code, current);
      const earliest = addQuarters(current, -(LATEST_WINDOW * LATEST_WINDOWS - 1));
      return q !== null && q >= earliest && q >= API_FIRST_QUARTER ? q : null;
    }
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
export function withLatestQuarterResolvers<M extends Record<string, unknown>>(
  map: M,
  reported?: (regionCode: string, upTo: string) => Promise<string | null>,
): M {
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
      out[`${domain}LatestQuarter`] = latestQuarterResolver(
        resolver as Resolver,
        metrics as Resolver,
        undefined,
        reported,
      );
  }
  return { ...map, Query: out };
}
