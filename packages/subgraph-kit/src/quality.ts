import type { KpiSeries, KpiValue, MetricDefinition, QualityFlag } from "@hsa/kpi";
import { API_FIRST_QUARTER, addQuarters, quarterIndex } from "@hsa/periods";
import { children, getRegion } from "@hsa/regions";
import { perRequest, regionRollupLoader } from "./loaders";

/**
 * Data-quality flags of KPI values beyond ABOVE_MAXIMUM (issue 15; DHIS2's data quality app is
 * the reference):
 *
 * - **PARTIAL_REPORTING**: not every reporting unit expected to report the domain in the region
 *   has its report of the value's quarters submitted or approved (a point: its quarter; a FLOW
 *   total: any quarter of the range; a STOCK total: the range's last quarter). A county's own
 *   figures are partial until its report is submitted.
 * - **OUTLIER**: the modified z-score (Iglewicz & Hoaglin: 0.6745 × (x − median) / MAD, with
 *   1.253314 × mean absolute deviation when the MAD is 0) of a quarterly value exceeds
 *   {@link OUTLIER_THRESHOLD} against (a) the region's own values of the
 *   {@link HISTORY_QUARTERS} quarters before it (at least {@link MIN_SAMPLE} with data) or
 *   (b) for rates only — amounts of regions of different size do not compare — the same quarter's
 *   values of its siblings (the other children of its parent, at least {@link MIN_SAMPLE} with
 *   data, when the caller may see them all). A FLOW range total is flagged when one of its
 *   quarters is; a STOCK total (the last quarter's value) when its last quarter is.
 *
 * Completeness KPIs themselves carry neither (they measure reporting). The flags are computed
 * only when a client asks for `flags` (a lazy field), once per request and region.
 */
export const OUTLIER_THRESHOLD = 3.5;
export const HISTORY_QUARTERS = 12;
export const MIN_SAMPLE = 4;

/** Reports received against units expected, per region and quarter (from @hsa/reporting's workflow). */
export interface ReportingCoverage {
  reportedMany(
    regionCodes: readonly string[],
    quarters: readonly string[],
  ): Promise<Map<string, Map<string, { expected: number; received: number }>>>;
  /**
   * The last quarter (≤ upTo) with figures reported in the region's subtree, from the domain's
   * reported tables (`Query.<domain>LatestQuarter`); absent: the field falls back to the KPIs.
   */
  latestReportedQuarter?: ((regionCode: string, upTo: string) => Promise<string | null>) | undefined;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? (s[m] as number) : ((s[m - 1] as number) + (s[m] as number)) / 2;
};

/** The modified z-score of x against a sample (x not in it); null when the sample is too small or flat. */
export function modifiedZScore(x: number, sample: readonly number[]): number | null {
  if (sample.length < MIN_SAMPLE) return null;
  const med = median([...sample]);
  const deviations = sample.map((v) => Math.abs(v - med));
  const mad = median(deviations);
  if (mad > 0) return (0.6745 * (x - med)) / mad;
  const meanAd = deviations.reduce((a, b) => a + b, 0) / deviations.length;
  if (meanAd > 0) return (x - med) / (1.253314 * meanAd);
  return null; // every value equal: nothing to judge against
}

export function isOutlier(x: number, sample: readonly number[]): boolean {
  const z = modifiedZScore(x, sample);
  return z !== null && Math.abs(z) > OUTLIER_THRESHOLD;
}

const isCompletenessMetric = (id: string) => /\.reporting_(completeness|timeliness)$/.test(id);

type Resolve = (
  parent: unknown,
  args: { from: string; to: string; metrics?: readonly string[] | null },
  ctx: unknown,
  info?: unknown,
) => unknown;

interface Request {
  region: { code: string };
  from: string;
  to: string;
  metrics: string[];
  ctx: unknown;
  info?: unknown;
}

const valuesOf = (s: KpiSeries | undefined): Map<string, number> => {
  const m = new Map<string, number>();
  for (const p of s?.points ?? []) if (p.value !== null && p.quarter) m.set(p.quarter, p.value);
  return m;
};

async function seriesOf(resolve: Resolve, region: unknown, r: Request, from: string, to: string) {
  const list = (await resolve(region, { from, to, metrics: r.metrics }, r.ctx, r.info)) as KpiSeries[];
  return new Map(list.map((s) => [s.metric.id, s]));
}

/**
 * Lazily computes the quality flags of the series of one `<domain>Kpis` call. Returns a function
 * giving, for a metric and a value (a point or the total), the flags to serve.
 */
export function qualityFlagger(
  resolve: Resolve,
  r: Request,
  coverage: ReportingCoverage | undefined,
  opts: { outliers?: boolean } = {},
) {
  const quarters: string[] = [];
  for (let q = r.from; quarterIndex(q) <= quarterIndex(r.to); q = addQuarters(q, 1)) quarters.push(q);
  let partial: Promise<Set<string>> | undefined;
  const partialQuarters = () => {
    partial ??= coverage
      ? coverageLoader(r.ctx as object, coverage)
          .load(r.region.code, quarters)
          .then((byQuarter) => {
            const out = new Set<string>();
            for (const [q, c] of byQuarter) if (c.received < c.expected) out.add(q);
            return out;
          })
      : Promise.resolve(new Set<string>());
    return partial;
  };
  let history: Promise<Map<string, KpiSeries>> | undefined;
  const ownHistory = () => {
    const earliest = addQuarters(r.from, -HISTORY_QUARTERS);
    // A KPI query covers at most 40 quarters: the history of a long range is cut to fit.
    const floor = addQuarters(r.to, -39);
    let from = quarterIndex(earliest) < quarterIndex(floor) ? floor : earliest;
    if (quarterIndex(from) < quarterIndex(API_FIRST_QUARTER)) from = API_FIRST_QUARTER;
    history ??= seriesOf(resolve, r.region, r, from, r.to);
    return history;
  };
  let siblings: Promise<Map<string, KpiSeries>[] | null> | undefined;
  const siblingSeries = () => {
    siblings ??= (async () => {
      const parent = getRegion(r.region.code)?.parentCode;
      if (!parent) return null;
      const others = children(parent).filter((c) => c.code !== r.region.code);
      if (others.length < MIN_SAMPLE) return null;
      const settled = await Promise.allSettled(others.map((c) => seriesOf(resolve, c, r, r.from, r.to)));
      // Siblings outside the caller's scope: no sibling comparison rather than a partial one.
      if (settled.some((s) => s.status === "rejected")) return null;
      return settled.map((s) => (s as PromiseFulfilledResult<Map<string, KpiSeries>>).value);
    })();
    return siblings;
  };

  const outlierQuarters = async (metric: MetricDefinition): Promise<Set<string>> => {
    const out = new Set<string>();
    const own = valuesOf((await ownHistory()).get(metric.id));
    const sibs = metric.valueKind === "ratio" ? await siblingSeries() : null;
    const sibValues = sibs?.map((m) => valuesOf(m.get(metric.id)));
    for (const q of quarters) {
      const x = own.get(q);
      if (x === undefined) continue;
      const past: number[] = [];
      for (let i = 1; i <= HISTORY_QUARTERS; i++) {
        const v = own.get(addQuarters(q, -i));
        if (v !== undefined) past.push(v);
      }
      const peers = (sibValues ?? []).flatMap((m) => {
        const v = m.get(q);
        return v === undefined ? [] : [v];
      });
      if (isOutlier(x, past) || isOutlier(x, peers)) out.add(q);
    }
    return out;
  };
  const outliersByMetric = new Map<string, Promise<Set<string>>>();

  return (metric: MetricDefinition, value: KpiValue): (() => Promise<QualityFlag[]>) => {
    const base = value.flags ?? [];
    return async () => {
      if (value.value === null || isCompletenessMetric(metric.id)) return base;
      const covered = value.quarter ? [value.quarter] : metric.aggregation === "STOCK" ? [r.to] : quarters;
      const flags: QualityFlag[] = [...base];
      const partialSet = await partialQuarters();
      if (covered.some((q) => partialSet.has(q))) flags.push("PARTIAL_REPORTING");
      if (opts.outliers === false) return flags;
      let outliers = outliersByMetric.get(metric.id);
      if (!outliers) {
        outliers = outlierQuarters(metric);
        outliersByMetric.set(metric.id, outliers);
      }
      const o = await outliers;
      if (covered.some((q) => o.has(q))) flags.push("OUTLIER");
      return flags;
    };
  };
}

const coverageLoaders = new WeakMap<
  ReportingCoverage,
  (ctx: object) => ReturnType<typeof makeCoverageLoader>
>();
function makeCoverageLoader(coverage: ReportingCoverage) {
  return regionRollupLoader(
    (codes: string[], quarters: string[]) => coverage.reportedMany(codes, quarters),
    () => new Map<string, { expected: number; received: number }>(),
  );
}
function coverageLoader(ctx: object, coverage: ReportingCoverage) {
  let get = coverageLoaders.get(coverage);
  if (!get) {
    get = perRequest((_ctx: object) => makeCoverageLoader(coverage));
    coverageLoaders.set(coverage, get);
  }
  return get(ctx);
}
