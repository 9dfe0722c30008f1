import { sql } from "drizzle-orm";
import type { WorkflowContext } from "./workflow-context";

/** Demo data only: workflow states for the seeded figures. */
export function demoMarking(c: WorkflowContext) {
  const { db, st } = c;
  return {
    /**
     * Demo data: every county-quarter with figures is marked approved, submitted a few days after
     * its quarter ended (a deterministic share late), except the quarters from `submittedFrom`
     * on, which wait for approval. Only when no workflow state exists yet. Returns rows written.
     */
    async markDemoReports(
      source: { table: unknown; regionColumn: string; quarterColumn: string },
      submittedFrom: string,
      actor = "演示数据 (demo)",
    ): Promise<number> {
      const [existing] = await db.select({ one: sql<number>`1` }).from(st).limit(1);
      if (existing) return 0;
      const region = sql.identifier(source.regionColumn);
      const quarter = sql.identifier(source.quarterColumn);
      // 3–17 days after the quarter's last day, 10:00 China time (deterministic per county and quarter;
      // with the default 15-day deadline about one report in eight is late).
      const submitted = sql`((make_date(substr(f.q, 1, 4)::int, substr(f.q, 6, 1)::int * 3, 1) + interval '1 month')::timestamp
        + ((abs(hashtext(f.r || f.q)) % 15) + 2) * interval '1 day' + interval '10 hours' - interval '8 hours') at time zone 'UTC'`;
      const res = await db.execute(sql`
      insert into ${st} (region_code, quarter, status, first_submitted_at, submitted_at, submitted_by, approved_at, approved_by, updated_at)
      select f.r, f.q,
             case when f.q >= ${submittedFrom} then 'SUBMITTED' else 'APPROVED' end,
             ${submitted}, ${submitted}, ${actor},
             case when f.q >= ${submittedFrom} then null else ${submitted} + interval '7 days' end,
             case when f.q >= ${submittedFrom} then null else ${actor} end,
             now()
      from (select distinct ${region} as r, ${quarter} as q from ${source.table as never}) f
      on conflict do nothing`);
      const r = res as unknown as { count?: number; affectedRows?: number };
      return r.count ?? r.affectedRows ?? 0;
    },
  };
}
