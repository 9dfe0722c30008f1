import {
  evaluateSeries,
  evaluateTotal,
  firstQuarterToRead,
  isDeclared,
  type KpiSeries,
  type KpiValue,
  type MetricDefinition,
  type ObservationTable,
  type SummarySource,
  type Sums,
  type SumsByQuarter,
  sumsOf,
  sumsToRecount,
} from "@hsa/kpi";
import { type KpiArgs, type KpiRequest, parseKpiArgs } from "./kpis";
import { perRequest, regionRollupLoader } from "./loaders";
import { requireRegionInScope } from "./scope";
import type { SubgraphContext } from "./subgraph";

/**
 * What a `<domain>Kpis` call needs read: the range asked for and the named sums its KPIs read. A
 * quarter's sums must not depend on the range asked (they are that quarter's): a ranking of a STOCK
 * KPI asks for its last quarter only.
 */
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
  /**
   * Named sums per quarter of many regions at once (the subgraph's SQL, one statement per read
   * kind): the only read a subgraph declares. A region absent from the answer has no data. The kit
   * batches every region asked for with the same request in one tick (a region and its children,
   * a ranking of every county) into one call, per GraphQL request.
   */
  loadSums(
    ctx: SubgraphContext,
    regionCodes: readonly string[],
    req: SumsRequest<N>,
  ): Promise<ReadonlyMap<string, SumsByQuarter<N>>>;
  /**
   * The distinct counts (non-additive sums) of many regions counted again over the whole range
   * `from`–`to`: needed when the source declares any; called only when a requested range total
   * needs them (batched as `loadSums` is). A region absent from the answer counted nothing.
   */
  recount?(
    ctx: SubgraphContext,
    regionCodes: readonly string[],
    names: readonly N[],
    range: { from: string; to: string },
  ): Promise<ReadonlyMap<string, Partial<Sums<N>>>>;
  /** the observations of the catalogue's undeclared metrics (reporting completeness) */
  observations?: ObservationSource;
}

const EMPTY_SUMS: SumsByQuarter<never> = new Map();
const EMPTY_COUNTS: Partial<Sums<never>> = {};

/** A `SumsRequest` as a loader argument: compared as JSON, so its set of wanted sums is a sorted list. */
interface SumsKey<N extends string> extends Omit<SumsRequest<N>, "wanted"> {
  wanted: N[];
}

/** `Region.<domain>Kpis`, with a batch entry for rankings. */
export interface KpiResolver {
  (region: { code: string }, args: KpiArgs, ctx: SubgraphContext): Promise<KpiSeries[]>;
  /**
   * The range totals of one metric for many regions: for each, exactly the `total` of the series
   * the resolver answers for `{ from, to, metrics: [metric] }` (same scope checks, reads and
   * evaluation), without the points — what `<domain>Ranking` needs of every county.
   */
  rangeTotals(
    regions: readonly { code: string }[],
    args: { from: string; to: string; metric: string },
    ctx: SubgraphContext,
  ): Promise<Map<string, KpiValue>>;
}

/**
 * The `Region.<domain>Kpis(from, to, metrics)` resolver of a declared catalogue: FORBIDDEN outside
 * the caller's scope, BAD_USER_INPUT for a bad range or metric id (./kpis `parseKpiArgs`), then the
 * region's named sums (`loadSums`, batched with the other regions asked for in the same tick), the
 * other observations, the distinct counts a range total counts again (`recount`, batched alike), and
 * @hsa/kpi's evaluator. Wrap the map with `withKpiComparisonResolvers` for
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
  // Per GraphQL request: every region asked for with the same arguments in one tick is read by one
  // call of the subgraph's batch reads (a region and its 31 children: one statement per read kind).
  const loaders = perRequest((ctx: SubgraphContext) => ({
    // the same range asked for different KPIs (a region's cards, its children's columns) is one read
    // of the sums any of them wants: reading a sum nobody asked for changes no figure
    sums: regionRollupLoader<SumsKey<N>, SumsByQuarter<N>>(
      (codes, key) => opts.loadSums(ctx, codes, { ...key, wanted: new Set(key.wanted) }),
      () => EMPTY_SUMS,
      {
        groupKey: ({ wanted: _, ...range }) => JSON.stringify(range),
        merge: (keys) => ({
          ...(keys[0] as SumsKey<N>),
          wanted: [...new Set(keys.flatMap((k) => k.wanted))],
        }),
      },
    ),
    recount: regionRollupLoader<{ names: N[]; from: string; to: string }, Partial<Sums<N>>>(
      (codes, { names, from, to }) =>
        (opts.recount as NonNullable<typeof opts.recount>)(ctx, codes, names, { from, to }),
      () => EMPTY_COUNTS,
    ),
  }));
  /** One region's sums, other observations and recounted distinct counts for a parsed request. */
  const read = async (
    ctx: SubgraphContext,
    code: string,
    req: KpiRequest<MetricDefinition>,
    sumsReq: SumsRequest<N>,
  ) => {
    const { wanted, ...rest } = sumsReq;
    const sums = await loaders(ctx).sums.load(code, { ...rest, wanted: [...wanted].sort() });
    const table: ObservationTable = new Map();
    await opts.observations?.addCompleteness(ctx, code, req, table);
    const names = sumsToRecount(source, req.metrics, req.quarters, sums);
    let recounted: Partial<Sums<N>> = {};
    if (names.length) {
      if (!opts.recount)
        throw new Error(`${source.domain}: distinct counts ${names.join(", ")} need recount`);
      const key = { names: [...names].sort(), from: sumsReq.from, to: sumsReq.to };
      recounted = await loaders(ctx).recount.load(code, key);
    }
    return { sums, table, recounted };
  };
  const sumsRequest = (req: KpiRequest<MetricDefinition>, args: KpiArgs): SumsRequest<N> => ({
    from: args.from,
    to: args.to,
    quarters: req.quarters,
    readFrom: firstQuarterToRead(req.metrics, args.from),
    wanted: new Set(req.metrics.flatMap((m) => (isDeclared<N>(m) ? sumsOf(m) : []))),
  });
  const resolve = async (region: { code: string }, args: KpiArgs, ctx: SubgraphContext) => {
    requireRegionInScope(ctx.principal, region.code);
    const req = parseKpiArgs(catalogue, args);
    const { sums, table, recounted } = await read(ctx, region.code, req, sumsRequest(req, args));
    return evaluateSeries(source, req.metrics, region.code, req.quarters, sums, { table, recounted });
  };
  const rangeTotals: KpiResolver["rangeTotals"] = async (regions, args, ctx) => {
    for (const r of regions) requireRegionInScope(ctx.principal, r.code);
    const kpiArgs = { from: args.from, to: args.to, metrics: [args.metric] };
    const req = parseKpiArgs(catalogue, kpiArgs);
    const metric = req.metrics[0] as MetricDefinition;
    // A STOCK total is its last quarter's figure (a year-to-date one also reads the year before it):
    // the other quarters of the range are not read.
    const lastOnly =
      isDeclared<N>(metric) && metric.aggregation === "STOCK" && metric.accumulate !== "YEAR_TO_DATE";
    if (lastOnly) req.quarters = req.quarters.slice(-1);
    const sumsReq = sumsRequest(req, lastOnly ? { ...kpiArgs, from: args.to } : kpiArgs);
    const out = new Map<string, KpiValue>();
    if (!isDeclared<N>(metric)) {
      // other observations (reporting completeness): region by region, as the resolver reads them
      const totals = await Promise.all(
        regions.map(async (r) => {
          const { sums, table, recounted } = await read(ctx, r.code, req, sumsReq);
          return evaluateTotal(source, metric, r.code, req.quarters, sums, { table, recounted });
        }),
      );
      for (const [i, r] of regions.entries()) out.set(r.code, totals[i] as KpiValue);
      return out;
    }
    // A declared metric reads only its sums (and the distinct counts its range total counts again):
    // every region at once, with one call of each of the subgraph's batch reads.
    const codes = regions.map((r) => r.code);
    const byCode = await opts.loadSums(ctx, codes, sumsReq);
    const sums = codes.map((c) => byCode.get(c) ?? EMPTY_SUMS);
    const names = sums.map((s) => sumsToRecount(source, req.metrics, req.quarters, s));
    // the names a range total counts again depend on the metric only (none where a region has no data)
    const needy = codes.filter((_c, i) => names[i]?.length);
    const recountNames = names.find((n) => n.length) ?? [];
    let recounted: Partial<Sums<N>>[] = codes.map(() => EMPTY_COUNTS);
    if (needy.length) {
      if (!opts.recount)
        throw new Error(`${source.domain}: distinct counts ${recountNames.join(", ")} need recount`);
      const counts = await opts.recount(ctx, needy, recountNames, { from: args.from, to: args.to });
      recounted = codes.map((c, i) => (names[i]?.length ? (counts.get(c) ?? EMPTY_COUNTS) : EMPTY_COUNTS));
    }
    regions.forEach((r, i) => {
      const options = { recounted: recounted[i] ?? EMPTY_COUNTS };
      out.set(
        r.code,
        evaluateTotal(source, metric, r.code, req.quarters, sums[i] as SumsByQuarter<N>, options),
      );
    });
    return out;
  };
  return Object.assign(resolve, { rangeTotals });
}
