import type { Database } from "@hsa/db";
import { currentQuarter, quarterIndex } from "@hsa/periods";
import { getRegion, isReportingUnit } from "@hsa/regions";
import { badInput, forbidden, type Principal, requireRegionInScope, requireRole } from "@hsa/subgraph-kit";
import { and, desc, eq, inArray, or } from "drizzle-orm";
import { keyOf, type ReportKey } from "./report-period";
import type { ReportStateRow, ReportStatus } from "./tables";
import { type ReportStateView, stateView, type Tx, type WorkflowContext } from "./workflow-context";

/** The FORBIDDEN error for a change to an approved county-quarter (reason REPORT_APPROVED): reopen first. */
export function approvedError(k: ReportKey): Error {
  return forbidden(
    `${k.regionCode} ${getRegion(k.regionCode)?.name ?? ""} ${k.quarter} 的报表已审核，不能修改；请先由审核人退回（reopen）。The report is approved and cannot be changed: an approver must reopen it first.`,
    { reason: "REPORT_APPROVED", regionCode: k.regionCode, quarter: k.quarter },
  );
}

/**
 * The state transitions of a domain's reports: submit (DRAFT → SUBMITTED, by a reporter of the
 * county, once it has figures), approve (SUBMITTED → APPROVED, by an approver above the county who
 * did not submit it) and reopen (→ DRAFT, by such an approver, with a reason). Each locks the state
 * row, writes the new state and a report_event in one transaction; submitting a submitted report
 * or approving an approved one changes nothing.
 */
export function stateTransitions(c: WorkflowContext) {
  const { db, domain, st, ev, now, opts } = c;
  const view = (regionCode: string, quarter: string, row: ReportStateRow | undefined, hasData: boolean) =>
    stateView(c, regionCode, quarter, row, hasData);

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

  return {
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
  };
}

/** The lock on approved figures, taken inside the writer's transaction (imports, mutations). */
export function approvalLock(c: WorkflowContext) {
  const { st } = c;

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

  return {
    approvedAmong,

    /** Throws the clear "approved: reopen first" error when the county-quarter is approved. */
    async assertWritable(tx: Tx | Database, k: ReportKey): Promise<void> {
      const locked = await approvedAmong(tx, [k]);
      if (locked.length) throw approvedError(k);
    },
  };
}
