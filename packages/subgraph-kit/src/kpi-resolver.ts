import {
  evaluateSeries,
  firstQuarterToRead,
  isDeclared,
  type KpiSeries,
  type MetricDefinition,
  type ObservationTable,
  type SummarySource,
  type Sums,
  type SumsByQuarter,
  sumsOf,
  sumsToRecount,
} from "@hsa/kpi";
import { type KpiArgs, type KpiRequest, parseKpiArgs } from "./kpis";
import { requireRegionInScope } from "./scope";
import type { SubgraphContext } from "./subgraph";

/** What a `<domain>Kpis` call needs read: the range asked for and the named sums its KPIs read. */
export interface SumsRequest<N extends string> {
  /** the requested range */
  from: string;
  to: string;
  quarters: string[];
  /** the first quarter whose sums are needed: Q1 of `from`'s year when a YEAR_TO_DATE KPI is asked for */
  readFrom: string;
  /** the named sums the requested declared KPIs read (a read none of them needs can be skipped) */
  wanted: ReadonlySet<N>;
}

/** Other observations of the catalogue (e.g. @hsa/reporting's completeness KPIs: a Workflow fits). */
export interface ObservationSource {
  addCompleteness(
    ctx: SubgraphContext,
    regionCode: string,
    req: KpiRequest<MetricDefinition>,
    table: ObservationTable,
  ): Promise<void>;
}

export interface KpiResolverOptions<N extends string> {
  /** the subgraph's catalogue: its declared metrics (with target overrides) and any others */
  catalogue: readonly MetricDefinition[];
  /** the declared named sums the metrics read */
  source: SummarySource<N>;
  /** one region's named sums per quarter (the subgraph's SQL, batched by its loaders) */
  loadSums(ctx: SubgraphContext, regionCode: string, req: SumsRequest<N>): Promise<SumsByQuarter<N>>;
  /**
   * The distinct counts (non-additive sums) counted again over the whole range `from`–`to`:
   * needed when the source declares any; called only when a requested range total needs them.
   */
  recount?(
    ctx: SubgraphContext,
    regionCode: string,
    names: readonly N[],
    range: { from: string; to: string },
  ): Promise<Partial<Sums<N>>>;
  /** the observations of the catalogue's undeclared metrics (reporting completeness) */
  observations?: ObservationSource;
}

export type KpiResolver = (
  region: { code: string },
  args: KpiArgs,
  ctx: SubgraphContext,
) => Promise<KpiSeries[]>;

/**
 * The `Region.<domain>Kpis(from, to, metrics)` resolver of a declared catalogue: FORBIDDEN outside
 * the caller's scope, BAD_USER_INPUT for a bad range or metric id (./kpis `parseKpiArgs`), then the
 * region's named sums (`loadSums`), the other observations, the distinct counts a range total counts
 * again (`recount`), and @hsa/kpi's evaluator. Wrap the map with `withKpiComparisonResolvers` for
 * previous / yearAgo / flags.
 */
export function kpiResolver<N extends string>(opts: KpiResolverOptions<N>): KpiResolver {
  const { catalogue, source } = opts;
  // A FLOW KPI over a range reads a distinct count recounted over the range: without `recount` the
  // first multi-quarter request would fail, so the subgraph fails at start instead.
  if (!opts.recount) {
    const needy = catalogue.filter(
      (m) =>
        isDeclared<N>(m) &&
        m.aggregation === "FLOW" &&
        sumsOf(m).some((n) => source.sums[n] !== undefined && !source.sums[n].additive),
    );
    if (needy.length)
      throw new Error(
        `${source.domain}: ${needy.map((m) => m.id).join(", ")} read distinct counts over a range and need recount`,
      );
  }
  return async (region, args, ctx) => {
    requireRegionInScope(ctx.principal, region.code);
    const req = parseKpiArgs(catalogue, args);
    const wanted = new Set(req.metrics.flatMap((m) => (isDeclared<N>(m) ? sumsOf(m) : [])));
    const sums = await opts.loadSums(ctx, region.code, {
      from: args.from,
      to: args.to,
      quarters: req.quarters,
      readFrom: firstQuarterToRead(req.metrics, args.from),
      wanted,
    });
    const table: ObservationTable = new Map();
    await opts.observations?.addCompleteness(ctx, region.code, req, table);
    const names = sumsToRecount(source, req.metrics, req.quarters, sums);
    let recounted: Partial<Sums<N>> = {};
    if (names.length) {
      if (!opts.recount)
        throw new Error(`${source.domain}: distinct counts ${names.join(", ")} need recount`);
      recounted = await opts.recount(ctx, region.code, names, { from: args.from, to: args.to });
    }
    return evaluateSeries(source, req.metrics, region.code, req.quarters, sums, { table, recounted });
  };
}
