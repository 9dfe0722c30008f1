import { regionSubtree } from "@hsa/db";
import { quarterIndex, quarterRange } from "@hsa/periods";
import { reportingUnits } from "@hsa/regions";
import { badInput, type Principal, requireRegionInScope } from "@hsa/subgraph-kit";
import { and, asc, eq, gte, lte } from "drizzle-orm";
import { keyOf, type ReportKey } from "./report-period";
import type { ReportStateRow, ReportStatus } from "./tables";
import { type ReportStateView, stateView, type WorkflowContext } from "./workflow-context";

/** Most county-quarters one status listing may return (the nation has ≈2,850 counties). */
export const MAX_STATE_ROWS = 12_000;

/** Listing a domain's reports: the status of every county-quarter of a region, the steps of one. */
export function stateListing(c: WorkflowContext) {
  const { db, domain, st, ev, opts } = c;
  const view = (regionCode: string, quarter: string, row: ReportStateRow | undefined, hasData: boolean) =>
    stateView(c, regionCode, quarter, row, hasData);

  return {
    /** The workflow steps of one county-quarter, oldest first. */
    async history(p: Principal, k: ReportKey) {
      requireRegionInScope(p, k.regionCode, "regionCode");
      const rows = await db
        .select()
        .from(ev)
        .where(and(eq(ev.regionCode, k.regionCode), eq(ev.quarter, k.quarter)))
        .orderBy(asc(ev.id));
      return rows.map((r) => ({ ...r, id: String(r.id), domain, at: r.at.toISOString() }));
    },

    /** The status of every reporting unit of a region's subtree for each quarter of [from, to]. */
    async states(p: Principal, regionCode: string, from: string, to: string, status?: ReportStatus | null) {
      requireRegionInScope(p, regionCode);
      if (quarterIndex(from) > quarterIndex(to)) throw badInput(`from (${from}) is after to (${to})`);
      const units = reportingUnits(regionCode);
      const quarters = quarterRange(from, to);
      if (units.length * quarters.length > MAX_STATE_ROWS) {
        throw badInput(
          `${units.length} reporting units × ${quarters.length} quarters is more than ${MAX_STATE_ROWS} rows: choose a smaller region or range`,
        );
      }
      const [rows, reported] = await Promise.all([
        db
          .select()
          .from(st)
          .where(and(regionSubtree(st.regionCode, regionCode), gte(st.quarter, from), lte(st.quarter, to))),
        opts.reportedKeys(db, regionCode, from, to),
      ]);
      const byKey = new Map(rows.map((r) => [keyOf(r), r]));
      const out: ReportStateView[] = [];
      for (const quarter of quarters) {
        for (const u of units) {
          const k = { regionCode: u.code, quarter };
          const v = view(u.code, quarter, byKey.get(keyOf(k)), reported.has(keyOf(k)));
          if (!status || v.status === status) out.push(v);
        }
      }
      return out;
    },
  };
}
