import type { Observation } from "@hsa/kpi";
import { type ObservationTable, perRequest, regionRollupLoader } from "@hsa/subgraph-kit";
import { completenessMetricIds, reportCounts } from "./completeness";
import { quarterEnded, reportDeadline } from "./report-period";
import type { WorkflowContext } from "./workflow-context";

/** A domain's completeness figures: the KPI observations and the reports received per region. */
export function completenessQueries(c: WorkflowContext) {
  const { db, domain, st, expected, deadlineDays, now } = c;
  const api = {
    /**
     * Completeness observations of regions for the KPI roll-up, in one statement for a whole list
     * of regions: per quarter that has ended, expected = the region's reporting units expected to
     * report this domain (HSA_EXPECTED_UNITS), received = submitted or approved, on time = first
     * submitted by the deadline. Returns region code → metric id → quarter → observation.
     */
    async completenessMany(regionCodes: readonly string[], quarters: readonly string[]) {
      const ids = completenessMetricIds(domain);
      const t = now();
      const ended = quarters.filter((q) => quarterEnded(q, t));
      const counts = await reportCounts(
        db,
        st,
        expected,
        regionCodes,
        ended.map((q) => ({ quarter: q, deadline: reportDeadline(q, deadlineDays) })),
      );
      const out = new Map<string, Map<string, Map<string, Observation>>>();
      for (const code of regionCodes) {
        const completeness = new Map<string, Observation>();
        const timeliness = new Map<string, Observation>();
        for (const [quarter, c] of counts.get(code) ?? []) {
          completeness.set(quarter, { quarter, numerator: c.received, denominator: c.expected });
          timeliness.set(quarter, { quarter, numerator: c.onTime, denominator: c.expected });
        }
        out.set(
          code,
          new Map([
            [ids.completeness, completeness],
            [ids.timeliness, timeliness],
          ]),
        );
      }
      return out;
    },

    /**
     * Reports received per region and quarter (ended or not) against the units expected: what the
     * PARTIAL_REPORTING quality flag of every KPI value is judged on (@hsa/subgraph-kit quality).
     */
    async reportedMany(regionCodes: readonly string[], quarters: readonly string[]) {
      return reportCounts(
        db,
        st,
        expected,
        regionCodes,
        quarters.map((quarter) => ({ quarter })),
      );
    },

    /**
     * Adds the completeness observations a KPI request asks for to its table, batched per request
     * (a region and its children in one statement). `ctx` is the request's context.
     */
    async addCompleteness(
      ctx: object,
      regionCode: string,
      req: { quarters: string[]; metrics: readonly { id: string }[] },
      table: ObservationTable,
    ): Promise<void> {
      const ids = completenessMetricIds(domain);
      if (!req.metrics.some((m) => m.id === ids.completeness || m.id === ids.timeliness)) return;
      const obs = await completenessLoader(ctx).load(regionCode, { quarters: req.quarters });
      for (const [id, byQuarter] of obs) table.set(id, byQuarter);
    },

    async completeness(regionCode: string, quarters: readonly string[]) {
      const all = await api.completenessMany([regionCode], quarters);
      return all.get(regionCode) ?? new Map<string, Map<string, Observation>>();
    },
  };
  const completenessLoader = perRequest((_ctx: object) =>
    regionRollupLoader(
      (codes: string[], a: { quarters: string[] }) => api.completenessMany(codes, a.quarters),
      () => new Map<string, Map<string, Observation>>(),
    ),
  );
  return api;
}
