/**
 * What the landing tells a leader beyond the cards, computed from the one request per domain it
 * already made (the region's series and its children's): the 红黑榜 (children ranked by a KPI, with
 * the change of rank since the previous quarter) and the exceptions (targets missed, quality
 * flags, missing reports) — each pointing at a region and a KPI.
 */
import { type DomainData, isCompletenessMetric, type KpiStatus, type Metric, type QualityFlag } from "./api";
import { displayStatus, seriesById } from "./kpi";
import { addQuarters } from "./quarters";

/** Competition ranks (1, 2, 2, 4) of the valued items, best first by the metric's direction. */
export function competitionRanks(
  items: readonly { code: string; v: number | null | undefined }[],
  m: Pick<Metric, "direction">,
): Map<string, number> {
  const lowerIsBetter = m.direction === "DOWN";
  const valued = items
    .flatMap((r) => (r.v == null || !Number.isFinite(r.v) ? [] : [{ code: r.code, v: r.v }]))
    .sort((a, b) => (lowerIsBetter ? a.v - b.v : b.v - a.v));
  const out = new Map<string, number>();
  valued.forEach((r, i) => {
    const prev = valued[i - 1];
    out.set(r.code, prev && prev.v === r.v ? (out.get(prev.code) ?? i + 1) : i + 1);
  });
  return out;
}

/** Metrics a ranking means something for: a direction (not NEUTRAL), not a reporting rate. */
export function rankableMetrics(metrics: readonly Metric[]): Metric[] {
  return metrics.filter((m) => m.direction !== "NEUTRAL" && !isCompletenessMetric(m.id));
}

export interface RankedRegion {
  code: string;
  name: string;
  value: number | null;
  status: KpiStatus;
  /** rank by the range total; null without a value (listed last) */
  rank: number | null;
  /**
   * places gained since the previous quarter (positive: up), from the children's quarter values:
   * the rank among them in the range's last quarter against that in the quarter before; null
   * when either quarter has no value for this region.
   */
  change: number | null;
}

/** The children of the region ranked by one metric over the range; unranked ones last, by code. */
export function rankChildren(data: DomainData, m: Metric, to: string): RankedRegion[] {
  const prev = addQuarters(to, -1);
  const rows = data.children.map((c) => {
    const s = seriesById(c.kpis ?? []).get(m.id);
    const at = (q: string) => {
      const p = s?.points.find((x) => x.quarter === q);
      return p && p.status !== "NO_DATA" ? p.value : null;
    };
    const total = s && s.total.status !== "NO_DATA" ? s.total.value : null;
    return { c, total, last: at(to), before: at(prev), status: s?.total.status ?? "NO_DATA" };
  });
  const ranks = competitionRanks(
    rows.map((r) => ({ code: r.c.code, v: r.total })),
    m,
  );
  const lastRanks = competitionRanks(
    rows.map((r) => ({ code: r.c.code, v: r.last })),
    m,
  );
  const beforeRanks = competitionRanks(
    rows.map((r) => ({ code: r.c.code, v: r.before })),
    m,
  );
  return rows
    .map((r): RankedRegion => {
      const now = lastRanks.get(r.c.code);
      const then = beforeRanks.get(r.c.code);
      return {
        code: r.c.code,
        name: r.c.name,
        value: r.total,
        status: displayStatus(r.status, m.target),
        rank: ranks.get(r.c.code) ?? null,
        change: now != null && then != null ? then - now : null,
      };
    })
    .sort((a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity) || a.code.localeCompare(b.code));
}

/**
 * The best `n` and the worst `n` of a ranking (worst last-ranked first); when the ranked regions
 * are 2n or fewer, they are all in `best` and `worst` is empty (no region listed twice).
 */
export function bestAndWorst(
  ranked: readonly RankedRegion[],
  n = 5,
): { best: RankedRegion[]; worst: RankedRegion[] } {
  const valued = ranked.filter((r) => r.rank != null);
  if (valued.length <= 2 * n) return { best: valued, worst: [] };
  return { best: valued.slice(0, n), worst: valued.slice(-n).reverse() };
}

export type ExceptionKind = "MISSED" | "ABOVE_MAXIMUM" | "OUTLIER" | "PARTIAL_REPORTING" | "LATE";

export interface Exception {
  kind: ExceptionKind;
  domain: string;
  metric: Metric;
  regionCode: string;
  regionName: string;
  value: number | null;
}

/** The order exceptions are listed in: data that cannot be right first, then missed targets. */
const SEVERITY: Record<ExceptionKind, number> = {
  ABOVE_MAXIMUM: 0,
  OUTLIER: 1,
  MISSED: 2,
  PARTIAL_REPORTING: 3,
  LATE: 4,
};

/**
 * What needs attention in the region and its children over the range: a total above its maximum
 * or an outlier (the region's own flags), a target missed (the region or a child), partial
 * reporting (the region's flag), and reports missing (a reporting-completeness KPI below its
 * target, for the region or a child). Ordered by severity, then domain order, then region code.
 */
export function exceptionsOf(domains: readonly DomainData[]): Exception[] {
  const out: Exception[] = [];
  domains.forEach((d) => {
    const own = seriesById(d.region.kpis);
    for (const m of d.metrics) {
      const s = own.get(m.id);
      const at = (kind: ExceptionKind, code: string, name: string, value: number | null) =>
        out.push({ kind, domain: d.domain, metric: m, regionCode: code, regionName: name, value });
      if (isCompletenessMetric(m.id)) {
        if (m.id.endsWith(".reporting_timeliness")) continue; // late is said by completeness already
        if (s && s.total.status === "MISSED") at("LATE", d.region.code, d.region.name, s.total.value);
        for (const c of d.children) {
          const cs = seriesById(c.kpis ?? []).get(m.id);
          if (cs?.total.status === "MISSED") at("LATE", c.code, c.name, cs.total.value);
        }
        continue;
      }
      const flags: readonly QualityFlag[] = s?.total.flags ?? [];
      for (const f of flags) at(f, d.region.code, d.region.name, s?.total.value ?? null);
      if (s && displayStatus(s.total.status, m.target) === "MISSED")
        at("MISSED", d.region.code, d.region.name, s.total.value);
      for (const c of d.children) {
        const cs = seriesById(c.kpis ?? []).get(m.id);
        if (cs && displayStatus(cs.total.status, m.target) === "MISSED")
          at("MISSED", c.code, c.name, cs.total.value);
      }
    }
  });
  const domainOrder = domains.map((d) => d.domain);
  return out.sort(
    (a, b) =>
      SEVERITY[a.kind] - SEVERITY[b.kind] ||
      domainOrder.indexOf(a.domain) - domainOrder.indexOf(b.domain) ||
      a.regionCode.localeCompare(b.regionCode) ||
      a.metric.id.localeCompare(b.metric.id),
  );
}

/**
 * The tile-grid map of China (a cartogram: one equal tile per province-level region, placed roughly
 * where it lies): [column, row] of each two-digit province code, in a 9 × 8 grid.
 */
export const PROVINCE_TILES: Record<string, { col: number; row: number; short: string }> = {
  "23": { col: 8, row: 0, short: "黑" },
  "65": { col: 1, row: 1, short: "新" },
  "15": { col: 5, row: 1, short: "蒙" },
  "11": { col: 6, row: 1, short: "京" },
  "21": { col: 7, row: 1, short: "辽" },
  "22": { col: 8, row: 1, short: "吉" },
  "63": { col: 2, row: 2, short: "青" },
  "62": { col: 3, row: 2, short: "甘" },
  "64": { col: 4, row: 2, short: "宁" },
  "14": { col: 5, row: 2, short: "晋" },
  "13": { col: 6, row: 2, short: "冀" },
  "12": { col: 7, row: 2, short: "津" },
  "54": { col: 1, row: 3, short: "藏" },
  "61": { col: 4, row: 3, short: "陕" },
  "41": { col: 5, row: 3, short: "豫" },
  "37": { col: 6, row: 3, short: "鲁" },
  "51": { col: 3, row: 4, short: "川" },
  "50": { col: 4, row: 4, short: "渝" },
  "42": { col: 5, row: 4, short: "鄂" },
  "34": { col: 6, row: 4, short: "皖" },
  "32": { col: 7, row: 4, short: "苏" },
  "31": { col: 8, row: 4, short: "沪" },
  "53": { col: 3, row: 5, short: "滇" },
  "52": { col: 4, row: 5, short: "黔" },
  "43": { col: 5, row: 5, short: "湘" },
  "36": { col: 6, row: 5, short: "赣" },
  "33": { col: 7, row: 5, short: "浙" },
  "45": { col: 4, row: 6, short: "桂" },
  "44": { col: 5, row: 6, short: "粤" },
  "35": { col: 6, row: 6, short: "闽" },
  "71": { col: 7, row: 6, short: "台" },
  "46": { col: 4, row: 7, short: "琼" },
  "82": { col: 5, row: 7, short: "澳" },
  "81": { col: 6, row: 7, short: "港" },
};
