// The year-end DIP settlement of a pooling area, declared with defineFact (issue 16): a settlement is
// a fact of its pool and year whose values the subgraph computes (point value = the pool's DIP fund
// budget / total points, each institution's line from it, src/settlement.ts), with its lines as a
// child collection; closing and reopening it are facts about the stored settlement (`upsert: false`).
// So runDipSettlement, closeDipSettlement and reopenDipSettlement get the write pipeline of every
// reported fact: role, both sides' scope (the pool, and every institution line stored or written),
// the closed-year lock, idempotency (the same figures again change nothing) and the one audit shape
// (kind "dip_settlement", key {pool, year}, old → new with the lines).
import { defineFact, type FactValues, field } from "@hsa/reporting";
import { dipSettlement, dipSettlementLine } from "../db/schema";
import { closedLock } from "./locks";

const poolingArea = field.text({ zh: "统筹地区代码", maxLength: 6, help: "the pooling area (six digits)" });
const year = field.count({ zh: "清算年度", help: "the settlement year" });

/** What every settlement fact shares: its key, its region (the pool) and its audit entity. */
const settlementKey = {
  table: dipSettlement,
  key: ["poolingArea", "year"],
  region: "poolingArea",
  regionStored: ["poolingArea"],
  approval: false,
  role: "approver",
} as const;
const settlementAudit = {
  kind: "dip_settlement",
  key: (f: FactValues) => ({ pool: String(f.poolingArea), year: Number(f.year) }),
  entityKey: (f: FactValues) => `dip_settlement:${String(f.poolingArea ?? f.pool)}:${String(f.year)}`,
};

/** A CLOSED pool-year is locked until an admin reopens it (refused on the year). */
export const settlementClosedLock = closedLock("year", (v) => ({
  pool: String(v.poolingArea),
  year: Number(v.year),
}));

/**
 * A run: the settlement's figures (`derived`, computed by the resolver in its transaction) and its
 * lines, one per institution with DIP cases pooled here. A CLOSED year is locked until an admin
 * reopens it; the lines' counties, stored and new, must lie in the caller's scope.
 */
export const settlementFact = defineFact({
  kind: "dip-settlement",
  noun: "DIP settlement",
  title: { zh: "DIP 年终清算", en: "DIP year-end settlement" },
  ...settlementKey,
  fields: { poolingArea, year },
  derived: ["status", "budgetFen", "totalPoints", "pointValue"],
  children: {
    name: "lines",
    noun: "settlement line",
    title: { zh: "机构清算明细", en: "Institution lines" },
    table: dipSettlementLine,
    parentRef: "settlementId",
    parentId: "id",
    order: "institutionId",
    region: "regionCode",
    fields: {
      institutionId: field.text({ zh: "机构编号", maxLength: 40, help: "the institution id" }),
      regionCode: field.text({ zh: "所在县", maxLength: 6, help: "the institution's county" }),
      points: field.decimal({ zh: "点数", scale: 4, min: "0", help: "the institution's points of the year" }),
      grossYuan: field.yuan({ zh: "应付金额（元）", help: "points × point value, rounded once to the fen" }),
      prepaidYuan: field.yuan({ zh: "预付金额（元）", help: "prepaid during the year" }),
      deductionYuan: field.yuan({ zh: "考核扣款（元）", help: "assessment deduction" }),
      netYuan: field.yuan({
        zh: "清算净额（元）",
        help: "gross − prepaid − deduction (negative: paid back)",
      }),
    },
    // every institution of a pool: a city's whole registry
    max: 100_000,
    inputType: "DipSettlementLineValues",
    inputDoc: "清算明细（由本子图计算）。A settlement line (computed here).",
    doc: "各机构的清算明细。The institutions' lines.",
  },
  locks: [settlementClosedLock],
  stamp: (actor, now) => ({ runBy: actor.sub, runAt: now }),
  audit: { ...settlementAudit, values: ["budgetFen", "totalPoints", "pointValue"] },
});

/** Closing a stored settlement: its status becomes CLOSED (closing a CLOSED one changes nothing). */
export const closeSettlementFact = defineFact({
  kind: "dip-settlement-close",
  noun: "DIP settlement",
  title: { zh: "关闭 DIP 清算", en: "Close a DIP settlement" },
  ...settlementKey,
  fields: { poolingArea, year },
  derived: ["status"],
  upsert: false,
  stamp: (actor, now) => ({ closedBy: actor.sub, closedAt: now }),
  audit: { ...settlementAudit, values: ["status"] },
});

/** Reopening a CLOSED settlement (role admin, checked by the resolver), with its reason. */
export const reopenSettlementFact = defineFact({
  kind: "dip-settlement-reopen",
  noun: "DIP settlement",
  title: { zh: "重新打开 DIP 清算", en: "Reopen a DIP settlement" },
  ...settlementKey,
  fields: { poolingArea, year },
  derived: ["status", "reopenReason"],
  role: "admin",
  upsert: false,
  stamp: (actor) => ({ reopenedBy: actor.sub }),
  audit: { ...settlementAudit, values: ["status", "reopenReason"] },
});
