import type { Database } from "@hsa/db";
import { regionGroups, rowsOf, toNumber } from "@hsa/db";
import type { MetricDefinition } from "@hsa/kpi";
import { type SQL, sql } from "drizzle-orm";
import type { PgTable } from "drizzle-orm/pg-core";
import type { ExpectedUnits } from "./expected";
import { DEFAULT_DEADLINE_DAYS } from "./report-period";

/** Reports of one region and quarter: expected units, received (submitted or approved), on time. */
export interface ReportCount {
  expected: number;
  received: number;
  onTime: number;
}

/**
 * Per region and quarter: how many of the region's expected reporting units have their report
 * submitted or approved, and how many were first submitted by the quarter's deadline (when given).
 * One statement for a whole list of regions (a region and its children). Reports of units not
 * expected to report the domain are not counted, so completeness never passes 100%.
 * Returns region code → quarter → counts, for every region and quarter asked.
 */
export async function reportCounts(
  db: Database,
  reportState: PgTable,
  expected: ExpectedUnits,
  regionCodes: readonly string[],
  quarters: readonly { quarter: string; deadline?: Date }[],
): Promise<Map<string, Map<string, ReportCount>>> {
  const out = new Map<string, Map<string, ReportCount>>();
  for (const code of regionCodes) {
    const n = expected.count(code);
    out.set(code, new Map(quarters.map((q) => [q.quarter, { expected: n, received: 0, onTime: 0 }])));
  }
  if (quarters.length === 0 || regionCodes.length === 0) return out;
  const groups = regionGroups(regionCodes);
  const values = sql.join(
    quarters.map(
      (q) => sql`(${q.quarter}::text, ${q.deadline ? q.deadline.toISOString() : null}::timestamptz)`,
    ),
    sql`, `,
  );
  let onlyExpected: SQL = sql``;
  if (!expected.all) {
    const codes = [...new Set(regionCodes.flatMap((c) => expected.units(c)))];
    onlyExpected = codes.length
      ? sql` and s.region_code in (${sql.join(
          codes.map((c) => sql`${c}`),
          sql`, `,
        )})`
      : sql` and false`;
  }
  const result = await db.execute(sql`
    select ${groups.code} as code, d.q as quarter,
           count(s.region_code)::text as received,
           count(s.region_code) filter (where s.first_submitted_at <= d.deadline)::text as on_time
    from ${groups.table}
    cross join (values ${values}) as d(q, deadline)
    join ${reportState} s
      on s.quarter = d.q and s.status in ('SUBMITTED', 'APPROVED') and ${groups.on(sql`s.region_code`)}${onlyExpected}
    group by ${groups.code}, d.q`);
  for (const r of rowsOf<{ code: string; quarter: string; received: string; on_time: string }>(result)) {
    const c = out.get(r.code)?.get(r.quarter);
    if (c) {
      c.received = toNumber(r.received);
      c.onTime = toNumber(r.on_time);
    }
  }
  return out;
}

/** The completeness metric ids of a domain. */
export function completenessMetricIds(domain: string) {
  return {
    completeness: `${domain}.reporting_completeness`,
    timeliness: `${domain}.reporting_timeliness`,
  };
}

/**
 * The two completeness KPIs (as in DHIS2) every domain adds to its catalogue: reports received
 * (submitted or approved) and received on time, against reports expected (reporting units ×
 * quarters that have ended). Flows: a range sums its quarters.
 */
export function completenessMetrics(
  domain: MetricDefinition["domain"],
  deadlineDays = DEFAULT_DEADLINE_DAYS,
) {
  const ids = completenessMetricIds(domain);
  return [
    {
      id: ids.completeness,
      domain,
      nameZh: "报表完整率",
      nameEn: "Reporting completeness",
      unit: "%",
      numeratorZh: "已报送的县级季度报表（已提交或已审核）",
      numeratorEn: "County quarterly reports received (submitted or approved)",
      denominatorZh: "应报送的县级季度报表（报告单位 × 已结束季度）",
      denominatorEn: "County quarterly reports expected (reporting units × quarters ended)",
      aggregation: "FLOW",
      target: 100,
      higherIsBetter: true,
      direction: "UP",
      targetRule: "AT_LEAST",
      maximum: 100,
      valueKind: "ratio",
    },
    {
      id: ids.timeliness,
      domain,
      nameZh: "报表及时率",
      nameEn: "Reporting timeliness",
      unit: "%",
      numeratorZh: `季度结束后 ${deadlineDays} 天内首次提交的报表`,
      numeratorEn: `Reports first submitted within ${deadlineDays} days after the quarter ended`,
      denominatorZh: "应报送的县级季度报表",
      denominatorEn: "County quarterly reports expected",
      aggregation: "FLOW",
      target: 90,
      higherIsBetter: true,
      direction: "UP",
      targetRule: "AT_LEAST",
      maximum: 100,
      valueKind: "ratio",
    },
  ] as const satisfies readonly MetricDefinition[];
}
