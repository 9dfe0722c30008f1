import type { Database } from "@hsa/db";
import { regionSubtree, rowsOf, toNumber } from "@hsa/db";
import type { MetricDefinition, Observation } from "@hsa/kpi";
import { currentQuarter, quarterEnd, quarterIndex, quarterRange } from "@hsa/periods";
import { getRegion, isReportingUnit, reportingUnits } from "@hsa/regions";
import {
  badInput,
  forbidden,
  type ObservationTable,
  type Principal,
  perRequest,
  regionRollupLoader,
  requireRegionInScope,
  requireRole,
} from "@hsa/subgraph-kit";
import { and, asc, desc, eq, gte, inArray, lte, or, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import { reportCounts } from "./completeness";
import { type ExpectedUnits, expectedUnits } from "./expected";
import type { ReportingTables, ReportStateRow, ReportStatus } from "./tables";

/** A county (reporting unit) and quarter: the unit of reporting and approval. */
export interface ReportKey {
  regionCode: string;
  quarter: string;
}

export const keyOf = (k: ReportKey): string => `${k.regionCode}|${k.quarter}`;

/** Days after the quarter's last day by which its report counts as on time (HSA_REPORT_DEADLINE_DAYS). */
export const DEFAULT_DEADLINE_DAYS = 15;

/** Most county-quarters one status listing may return (the nation has ≈2,850 counties). */
export const MAX_STATE_ROWS = 12_000;

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export function deadlineDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.HSA_REPORT_DEADLINE_DAYS;
  if (raw === undefined || raw === "") return DEFAULT_DEADLINE_DAYS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 365) {
    throw new Error(`HSA_REPORT_DEADLINE_DAYS must be a whole number of days 0–365 (got "${raw}")`);
  }
  return n;
}

/**
 * The moment a quarter's report is due: the end (24:00 China time, UTC+8, no daylight saving) of
 * the day `days` after the quarter's last day. 2024Q1 with 15 days → 2024-04-15 24:00 +08:00.
 */
export function reportDeadline(quarter: string, days: number): Date {
  return new Date(quarterEnd(quarter).getTime() + (days + 1) * DAY_MS - CHINA_OFFSET_MS);
}

/** True once the quarter is over (its report can be expected). */
export function quarterEnded(quarter: string, now: Date): boolean {
  return quarterEnd(quarter).getTime() + DAY_MS - CHINA_OFFSET_MS <= now.getTime();
}

/** A fact table whose rows mark a county-quarter as reported. */
export interface FactSource {
  table: PgTable;
  regionCode: PgColumn;
  quarter: PgColumn;
}

/**
 * `reportedKeys` for a workflow: the county-quarters of a region's subtree in [from, to] with a row
 * in any of the given fact tables (e.g. procurement: purchases or VBP progress).
 */
export function reportedKeysIn(...sources: FactSource[]): WorkflowOptions["reportedKeys"] {
  return async (db, regionCode, from, to) => {
    const lists = await Promise.all(
      sources.map(
        (s) =>
          db
            .selectDistinct({ regionCode: s.regionCode, quarter: s.quarter })
            .from(s.table)
            .where(
              and(regionSubtree(s.regionCode, regionCode), gte(s.quarter, from), lte(s.quarter, to)),
            ) as unknown as Promise<ReportKey[]>,
      ),
    );
    return new Set(lists.flat().map(keyOf));
  };
}

export interface WorkflowOptions {
  /** enrollment | procurement | payment | supervision */
  domain: string;
  db: Database;
  tables: ReportingTables;
  /**
   * The county-quarters of a region's subtree (in [from, to]) for which figures were reported,
   * as `keyOf` strings: a county may only submit what it has reported.
   */
  reportedKeys(db: Database, regionCode: string, from: string, to: string): Promise<Set<string>>;
  deadlineDays?: number;
  /** The units expected to report this domain (default: HSA_EXPECTED_UNITS, else every reporting unit). */
  expectedUnits?: ExpectedUnits;
  now?: () => Date;
}

/** What the GraphQL `ReportState` type shows. */
export interface ReportStateView {
  domain: string;
  regionCode: string;
  regionName: string;
  quarter: string;
  status: ReportStatus;
  hasData: boolean;
  deadline: string;
  firstSubmittedAt: string | null;
  submittedAt: string | null;
  submittedBy: string | null;
  onTime: boolean | null;
  approvedAt: string | null;
  approvedBy: string | null;
  reopenedAt: string | null;
  reopenedBy: string | null;
  reopenReason: string | null;
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

export function approvedError(k: ReportKey): Error {
  return forbidden(
    `${k.regionCode} ${getRegion(k.regionCode)?.name ?? ""} ${k.quarter} 的报表已审核，不能修改；请先由审核人退回（reopen）。The report is approved and cannot be changed: an approver must reopen it first.`,
    { reason: "REPORT_APPROVED", regionCode: k.regionCode, quarter: k.quarter },
  );
}

export type Workflow = ReturnType<typeof createWorkflow>;

/** The approval workflow and completeness figures of one domain. */
export function createWorkflow(opts: WorkflowOptions) {
  const { db, domain } = opts;
  const { reportState: st, reportEvent: ev } = opts.tables;
  const deadlineDays = opts.deadlineDays ?? deadlineDaysFromEnv();
  const expected = opts.expectedUnits ?? expectedUnits(domain);
  const now = opts.now ?? (() => new Date());
  type Tx = Parameters<Parameters<Database["transaction"]>[0]>[0];

  function view(regionCode: string, quarter: string, row: ReportStateRow | undefined, hasData: boolean) {
    const deadline = reportDeadline(quarter, deadlineDays);
    const iso = (d: Date | null | undefined) => (d ? d.toISOString() : null);
    return {
      domain,
      regionCode,
      regionName: getRegion(regionCode)?.name ?? regionCode,
      quarter,
      status: row?.status ?? "DRAFT",
      hasData,
      deadline: deadline.toISOString(),
      firstSubmittedAt: iso(row?.firstSubmittedAt),
      submittedAt: iso(row?.submittedAt),
      submittedBy: row?.submittedBy ?? null,
      onTime: row?.firstSubmittedAt ? row.firstSubmittedAt.getTime() <= deadline.getTime() : null,
      approvedAt: iso(row?.approvedAt),
      approvedBy: row?.approvedBy ?? null,
      reopenedAt: iso(row?.reopenedAt),
      reopenedBy: row?.reopenedBy ?? null,
      reopenReason: row?.reopenReason ?? null,
    } satisfies ReportStateView;
  }

  /** Validates a county + quarter a caller wants to act on. */
  function requireUnit(p: Principal, k: ReportKey) {
    requireRegionInScope(p, k.regionCode, "regionCode");
    if (!isReportingUnit(k.regionCode)) {
      const r = getRegion(k.regionCode);
      throw badInput(`${k.regionCode} ${r?.name ?? ""} is not a reporting unit: reports are per county`, {
        argumentName: "regionCode",
      });
    }
    if (quarterIndex(k.quarter) > quarterIndex(currentQuarter(now()))) {
      throw badInput(`${k.quarter} is in the future (current quarter: ${currentQuarter(now())})`, {
        argumentName: "quarter",
      });
    }
  }

  /** Approvers act on counties below their own scope (a county office does not approve itself). */
  function requireApprover(p: Principal, k: ReportKey) {
    requireRole(p, "approver");
    requireUnit(p, k);
    if (p.scope === k.regionCode) {
      throw forbidden(
        `a report of ${k.regionCode} is approved by the office above it (city or province), not by the county itself`,
        { regionCode: k.regionCode },
      );
    }
  }

  async function lockState(tx: Tx, k: ReportKey): Promise<ReportStateRow | undefined> {
    const rows = await tx
      .select()
      .from(st)
      .where(and(eq(st.regionCode, k.regionCode), eq(st.quarter, k.quarter)))
      .for("update");
    return rows[0];
  }

  async function transition(
    p: Principal,
    k: ReportKey,
    action: "SUBMIT" | "APPROVE" | "REOPEN",
    reason: string | null,
  ): Promise<ReportStateView> {
    const hasData = (await opts.reportedKeys(db, k.regionCode, k.quarter, k.quarter)).has(keyOf(k));
    return db.transaction(async (tx) => {
      const row = await lockState(tx, k);
      const from: ReportStatus = row?.status ?? "DRAFT";
      let to: ReportStatus;
      const at = now();
      const set: Partial<ReportStateRow> = { updatedAt: at };
      if (action === "SUBMIT") {
        if (from === "APPROVED") throw approvedError(k);
        if (from === "SUBMITTED") return view(k.regionCode, k.quarter, row, hasData); // idempotent
        if (!hasData) {
          throw badInput(
            `${k.regionCode} ${k.quarter}: no ${domain} figures have been reported yet; enter or import them before submitting`,
            { reason: "NOTHING_REPORTED" },
          );
        }
        to = "SUBMITTED";
        Object.assign(set, {
          submittedAt: at,
          submittedBy: p.name,
          firstSubmittedAt: row?.firstSubmittedAt ?? at,
        });
      } else if (action === "APPROVE") {
        if (from === "APPROVED") return view(k.regionCode, k.quarter, row, hasData); // idempotent
        if (from !== "SUBMITTED") {
          throw badInput(
            `${k.regionCode} ${k.quarter} has not been submitted: only submitted reports can be approved`,
            {
              reason: "NOT_SUBMITTED",
            },
          );
        }
        // Separation of duties: whoever submitted (by token subject, not display name) cannot
        // also approve — a second person checks every figure before it is locked.
        const [lastSubmit] = await tx
          .select({ actorSub: ev.actorSub })
          .from(ev)
          .where(and(eq(ev.regionCode, k.regionCode), eq(ev.quarter, k.quarter), eq(ev.action, "SUBMIT")))
          .orderBy(desc(ev.id))
          .limit(1);
        if (lastSubmit && lastSubmit.actorSub === p.sub) {
          throw forbidden(
            `${k.regionCode} ${k.quarter}: 提交人不能审核自己提交的报表，请由另一位审核人审核。You submitted this report, so another approver must approve it (separation of duties).`,
            { regionCode: k.regionCode, reason: "SEPARATION_OF_DUTIES" },
          );
        }
        to = "APPROVED";
        Object.assign(set, { approvedAt: at, approvedBy: p.name });
      } else {
        if (from === "DRAFT") {
          throw badInput(`${k.regionCode} ${k.quarter} is still a draft: there is nothing to reopen`, {
            reason: "NOT_SUBMITTED",
          });
        }
        to = "DRAFT";
        Object.assign(set, {
          reopenedAt: at,
          reopenedBy: p.name,
          reopenReason: reason,
          approvedAt: null,
          approvedBy: null,
        });
      }
      set.status = to;
      const [stored] = await tx
        .insert(st)
        .values({ regionCode: k.regionCode, quarter: k.quarter, status: to, ...set })
        .onConflictDoUpdate({ target: [st.regionCode, st.quarter], set })
        .returning();
      await tx.insert(ev).values({
        regionCode: k.regionCode,
        quarter: k.quarter,
        action,
        fromStatus: from,
        toStatus: to,
        actorSub: p.sub,
        actorName: p.name,
        reason,
        at,
      });
      return view(k.regionCode, k.quarter, stored, hasData);
    });
  }

  /**
   * Within a write transaction: the given county-quarters that are approved (and so locked), with
   * their state rows locked against a concurrent reopen/approve until the transaction ends.
   */
  async function approvedAmong(tx: Tx | Database, keys: readonly ReportKey[]): Promise<ReportKey[]> {
    if (keys.length === 0) return [];
    const uniq = [...new Map(keys.map((k) => [keyOf(k), k])).values()];
    const out: ReportKey[] = [];
    const byQuarter = new Map<string, string[]>();
    for (const k of uniq) byQuarter.set(k.quarter, [...(byQuarter.get(k.quarter) ?? []), k.regionCode]);
    const conds = [...byQuarter].map(([q, codes]) => and(eq(st.quarter, q), inArray(st.regionCode, codes)));
    for (let i = 0; i < conds.length; i += 50) {
      const rows = await tx
        .select({ regionCode: st.regionCode, quarter: st.quarter, status: st.status })
        .from(st)
        .where(or(...conds.slice(i, i + 50)))
        .for("share");
      for (const r of rows)
        if (r.status === "APPROVED") out.push({ regionCode: r.regionCode, quarter: r.quarter });
    }
    return out;
  }

  const api = {
    domain,
    deadlineDays,
    tables: opts.tables,

    async submit(p: Principal, k: ReportKey) {
      requireRole(p, "reporter");
      requireUnit(p, k);
      return transition(p, k, "SUBMIT", null);
    },

    async approve(p: Principal, k: ReportKey) {
      requireApprover(p, k);
      return transition(p, k, "APPROVE", null);
    },

    async reopen(p: Principal, k: ReportKey, reason: string) {
      requireApprover(p, k);
      const why = reason.trim();
      if (why.length < 2 || why.length > 500) {
        throw badInput("a reopened report needs a reason (2–500 characters) telling the county what to fix", {
          argumentName: "reason",
        });
      }
      return transition(p, k, "REOPEN", why);
    },

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

    approvedAmong,

    /** Throws the clear "approved: reopen first" error when the county-quarter is approved. */
    async assertWritable(tx: Tx | Database, k: ReportKey): Promise<void> {
      const locked = await approvedAmong(tx, [k]);
      if (locked.length) throw approvedError(k);
    },

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
      const existing = await db.select({ n: sql<string>`count(*)::text` }).from(st);
      if (toNumber(existing[0]?.n) > 0) return 0;
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
  const completenessLoader = perRequest((_ctx: object) =>
    regionRollupLoader(
      (codes: string[], a: { quarters: string[] }) => api.completenessMany(codes, a.quarters),
      () => new Map<string, Map<string, Observation>>(),
    ),
  );
  return api;
}

/** The view of one state for code that already holds the row (e.g. after an import). */
export function isApproved(row: Pick<ReportStateRow, "status"> | undefined): boolean {
  return row?.status === "APPROVED";
}
