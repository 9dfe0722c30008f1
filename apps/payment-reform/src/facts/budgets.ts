// The yearly and pool-level figures of payment reform, declared with defineFact: global budgets
// (setGlobalBudget), their quarterly spend (reportBudgetSpend) and the grade coefficients
// (setInstitutionCoefficient). None is a county quarterly report (`approval: false`); each is keyed
// by a pool, a budget key or a budget rather than a county (`regionStored`).
import { defineFact, field } from "@hsa/reporting";
import { and, eq } from "drizzle-orm";
import type { Tx } from "../db/queries";
import { globalBudget, globalBudgetSpend, institutionCoefficient } from "../db/schema";
import { closedLock } from "./locks";

const kind = field.oneOf({
  zh: "预算类别",
  graphqlType: "GlobalBudgetKind",
  labels: { POOL: "POOL", INSTITUTION: "INSTITUTION", ALLIANCE: "ALLIANCE" },
  help: "POOL, INSTITUTION or ALLIANCE",
});
const budgetKey = field.text({
  zh: "预算 key",
  maxLength: 60,
  help: "POOL: the pooling area; INSTITUTION: the institution id; ALLIANCE: <county code>-…",
});
const share = (zh: string, help: string) =>
  field.decimal({
    zh,
    help,
    scale: 4,
    min: "0",
    max: "1",
    message: (name) => `${name} must be a decimal between 0 and 1 (at most 4 places)`,
  });

/**
 * A global budget of a year: its region (`regionCode`: the pool, the institution's or the alliance's
 * county) is derived by the resolver; a stored budget never moves to another pool or county.
 */
export const globalBudgetFact = defineFact({
  kind: "global-budget",
  noun: "global budget",
  title: { zh: "总额预算", en: "Global budget" },
  table: globalBudget,
  fields: {
    kind,
    poolingArea: field.text({ zh: "统筹地区代码", maxLength: 6, help: "the pooling area (six digits)" }),
    key: budgetKey,
    regionCode: field.text({
      zh: "所在县",
      maxLength: 6,
      optional: true,
      column: "requestedRegion",
      help: "ALLIANCE only: the alliance's county (the one its key starts with)",
    }),
    name: field.text({ zh: "预算名称", maxLength: 200, help: "the budget's name" }),
    year: field.count({ zh: "预算年度", help: "the budget's year" }),
    budgetYuan: field.yuan({ zh: "预算金额（元）", help: "yuan, at most two decimals" }),
    surplusRetainedShare: share("结余留用比例", "share of a surplus the holder keeps, 0–1"),
    overspendSharedShare: share("超支分担比例", "share of an overspend the fund takes on, 0–1"),
  },
  // the key's first property is the one a refused stored row is reported on
  key: ["key", "kind", "year"],
  region: "regionCode",
  derived: ["regionCode"],
  approval: false,
  role: "approver",
  regionStored: ["regionCode", "poolingArea"],
  // the POOL budget of a closed settlement year is the fund that was settled: locked with it
  locks: [
    closedLock("year", (v) =>
      v.kind === "POOL" ? { pool: String(v.poolingArea), year: Number(v.year) } : null,
    ),
  ],
  stamp: (actor, now) => ({ updatedBy: actor.sub, updatedAt: now }),
  audit: {
    values: ["name", "regionCode", "budgetFen", "surplusRetainedShare", "overspendSharedShare"],
    entityKey: (f) => `budget:${f.kind}:${f.key}:${f.year}`,
  },
});

/**
 * The fund spent against a budget in a quarter: keyed by the budget (`budgetId`, derived by the
 * resolver from kind, key and year); the table stores no region — the budget's region is the fact's
 * (new values) and `beforeWrite` checks, with the budget row locked, that it is still the budget's.
 */
export const budgetSpendFact = defineFact({
  kind: "budget-spend",
  noun: "budget spend",
  title: { zh: "总额预算支出", en: "Global budget spend" },
  table: globalBudgetSpend,
  fields: {
    kind,
    key: budgetKey,
    quarter: field.quarter({ zh: "季度", help: "YYYYQn (not in the future)" }),
    spentYuan: field.yuan({ zh: "支出金额（元）", help: "spent in the quarter, yuan" }),
  },
  key: ["budgetId", "quarter"],
  region: "regionCode",
  quarter: "quarter",
  derived: ["budgetId"],
  approval: false,
  regionStored: [],
  async beforeWrite(tx: Tx, facts) {
    for (const f of facts) {
      const [b] = await tx
        .select({ regionCode: globalBudget.regionCode })
        .from(globalBudget)
        .where(and(eq(globalBudget.id, Number(f.budgetId))))
        .for("update");
      if (b?.regionCode !== f.regionCode) throw new Error(`budget ${f.budgetId} changed during the write`);
    }
  },
  stamp: (actor, now) => ({ reportedBy: actor.sub, updatedAt: now }),
  audit: {
    values: ["spentFen"],
    entityKey: (f) => `budget_spend:${f.budgetId}:${f.quarter}`,
  },
});

/** A grade coefficient of a pool and year: stored and new rows are keyed by the same pool. */
export const coefficientFact = defineFact({
  kind: "institution-coefficient",
  noun: "institution coefficient",
  title: { zh: "机构等级系数", en: "Institution coefficient" },
  table: institutionCoefficient,
  fields: {
    poolingArea: field.text({ zh: "统筹地区代码", maxLength: 6, help: "the pooling area (six digits)" }),
    year: field.count({ zh: "年度", help: "year" }),
    grade: field.oneOf({
      zh: "医院等级",
      graphqlType: "CoefficientGrade",
      labels: { III: "III", II: "II", I: "I", NONE: "NONE" },
      help: "III, II, I or NONE",
    }),
    coefficient: field.decimal({
      zh: "系数",
      help: "decimal > 0 with at most 4 places",
      scale: 4,
      min: "0",
      minExclusive: true,
      max: "100",
      maxExclusive: true,
      message: (_name, raw) => `coefficient "${String(raw)}" must be a decimal > 0 with at most 4 places`,
    }),
  },
  key: ["poolingArea", "year", "grade"],
  region: "poolingArea",
  approval: false,
  role: "approver",
  regionStored: ["poolingArea"],
  stamp: () => ({}),
  audit: {
    values: ["coefficient"],
    entityKey: (f) => `coefficient:${f.poolingArea}:${f.year}:${f.grade}`,
  },
});
