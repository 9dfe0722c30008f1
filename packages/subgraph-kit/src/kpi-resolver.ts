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
  /** one region's named sums per quarter (the subgraph's SQL, batched by its loaders) */
  loadSums(ctx: SubgraphContext, regionCode: string, req: SumsRequest<N>): Promise<SumsByQuarter<N>>;
  /**
   * Many regions' named sums per quarter at once (the same reads as `loadSums`, without a loader per
   * region): what a ranking of every county reads. Optional: `loadSums` region by region otherwise.
   */
  loadSumsMany?(
    ctx: SubgraphContext,
    regionCodes: readonly string[],
    req: SumsRequest<N>,
  ): Promise<ReadonlyMap<string, SumsByQuarter<N>>>;
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
  /**
   * `recount` for many regions at once (the same counts, without a loader per region): what a
   * ranking of every county reads. Optional: `recount` region by region otherwise.
   */
  recountMany?(
    ctx: SubgraphContext,
    regionCodes: readonly string[],
    names: readonly N[],
    range: { from: string; to: string },
  ): Promise<ReadonlyMap<string, Partial<Sums<N>>>>;
  /** the observations of the catalogue's undeclared metrics (reporting completeness) */
  observations?: ObservationSource;
}

const NOTHING_RECOUNTED = Promise.resolve({});
const EMPTY_SUMS: SumsByQuarter<never> = new Map();

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
  /** One region's sums, other observations and recounted distinct counts for a parsed request. */
  const read = async (
    ctx: SubgraphContext,
    code: string,
    req: KpiRequest<MetricDefinition>,
    sumsReq: SumsRequest<N>,
  ) => {
    const sums = await opts.loadSums(ctx, code, sumsReq);
    const table: ObservationTable = new Map();
    await opts.observations?.addCompleteness(ctx, code, req, table);
    const names = sumsToRecount(source, req.metrics, req.quarters, sums);
    let recounted: Partial<Sums<N>> = {};
    if (names.length) {
      if (!opts.recount)
        throw new Error(`${source.domain}: distinct counts ${names.join(", ")} need recount`);
      recounted = await opts.recount(ctx, code, names, { from: sumsReq.from, to: sumsReq.to });
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
    // every region at once — with the subgraph's batch reads (`loadSumsMany`, `recountMany`) when
    // it has them, else through its loaders, which read all regions asked in the same tick with one
    // statement per kind.
    const codes = regions.map((r) => r.code);
    const sums: SumsByQuarter<N>[] = opts.loadSumsMany
      ? await opts.loadSumsMany(ctx, codes, sumsReq).then((m) => codes.map((c) => m.get(c) ?? EMPTY_SUMS))
      : await Promise.all(codes.map((c) => opts.loadSums(ctx, c, sumsReq)));
    const range = { from: args.from, to: args.to };
    const names = codes.map((_c, i) =>
      sumsToRecount(source, req.metrics, req.quarters, sums[i] ?? EMPTY_SUMS),
    );
    const needy = codes.filter((_c, i) => names[i]?.length);
    const recountNames = names.find((n) => n.length) ?? [];
    if (needy.length && !opts.recount && !opts.recountMany)
      throw new Error(`${source.domain}: distinct counts ${recountNames.join(", ")} need recount`);
    let recounted: Partial<Sums<N>>[];
    if (needy.length && opts.recountMany) {
      // the names a range total counts again depend on the metric only (none where a region has no data)
      const byCode = await opts.recountMany(ctx, needy, recountNames, range);
      recounted = codes.map((c, i) => (names[i]?.length ? (byCode.get(c) ?? {}) : {}));
    } else {
      const recount = opts.recount;
      recounted = await Promise.all(
        codes.map((c, i) => {
          const n = names[i] ?? [];
          return n.length && recount ? recount(ctx, c, n, range) : NOTHING_RECOUNTED;
        }),
      );
    }
    regions.forEach((r, i) => {
      const options = { recounted: recounted[i] ?? {} };
      out.set(
        r.code,
        evaluateTotal(source, metric, r.code, req.quarters, sums[i] as SumsByQuarter<N>, options),
      );
    });
    return out;
  };
  return Object.assign(resolve, { rangeTotals });
}
