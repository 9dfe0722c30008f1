// Global budgets (总额预算): setGlobalBudget (approver) and reportBudgetSpend (reporter).
//
// A budget is addressed by (kind, key, year), and its key names its region (see guards.ts): a POOL
// key is the pooling area, an INSTITUTION key the institution id (which starts with its county), an
// ALLIANCE key must start with the alliance's county code and a hyphen ("150702-ALLIANCE"). So a
// key chosen by a client can only ever address a budget of the county it names, and that county is
// checked against the caller's scope before anything is looked up.
import { yuanToFen } from "@hsa/db";
import { currentQuarter, quarterIndex } from "@hsa/periods";
import { badInput, canSee, requireRegionInScope, requireRole, type SubgraphContext } from "@hsa/subgraph-kit";
import { and, eq } from "drizzle-orm";
import { audit, listBudgets, poolingAreaOf } from "../db/queries";
import { type BudgetKind, globalBudget, globalBudgetSpend } from "../db/schema";
import { refuseClosed } from "../facts/locks";
import type { Resolvers } from "../generated/resolvers";
import { formatScaled, numericToScaled, parseDecimal, SHARE_SCALE } from "../settlement";
import {
  actorOf,
  budgetKeyRegion,
  type Deps,
  institutionInfo,
  notInScope,
  regionOfId,
  requireIdInScope,
  requirePool,
  requireYear,
} from "./guards";
import { fail, type Problem, yearOf } from "./validate";
import { budgetToGraphQL } from "./views";

interface SetGlobalBudgetInput {
  kind: BudgetKind;
  poolingArea: string;
  key: string;
  regionCode?: string | null;
  name: string;
  year: number;
  budgetYuan: string;
  surplusRetainedShare: string;
  overspendSharedShare: string;
}

/**
 * The region a budget key names, in the caller's scope — decided from the key alone, so a key
 * outside the scope answers FORBIDDEN alike whether such a budget exists or not. A key of the wrong
 * form (an ALLIANCE key without its county, an INSTITUTION key that is no institution id) →
 * BAD_USER_INPUT.
 */
function requireBudgetKeyInScope(ctx: SubgraphContext, kind: BudgetKind, key: string, field = "key"): string {
  if (kind !== "POOL" && regionOfId(key) === null) {
    const message =
      kind === "ALLIANCE"
        ? `an ALLIANCE key starts with its county's code and a hyphen, e.g. "150702-ALLIANCE" (got "${key}")`
        : `an INSTITUTION key is an institution id such as 150724-H-001 (got "${key}")`;
    throw badInput(message, { problems: [{ field, message }] });
  }
  return requireIdInScope(ctx, `${kind} budget`, key, budgetKeyRegion(kind, key), field);
}

const budgetJson = (b: {
  name: string;
  regionCode: string;
  budgetFen: bigint;
  surplusRetainedShare: string;
  overspendSharedShare: string;
}) => ({
  name: b.name,
  regionCode: b.regionCode,
  budgetFen: b.budgetFen.toString(),
  surplusRetainedShare: formatScaled(numericToScaled(b.surplusRetainedShare)),
  overspendSharedShare: formatScaled(numericToScaled(b.overspendSharedShare)),
});

export function budgetMutations(deps: Deps): Resolvers {
  const { db } = deps;

  /** The budget's region from the input (new side); every problem of the input listed at once. */
  async function validateBudget(
    input: SetGlobalBudgetInput,
    pool: string,
    keyRegion: string,
    ctx: SubgraphContext,
  ) {
    const problems: Problem[] = [];
    const budgetFen = yuanToFen(input.budgetYuan);
    if (budgetFen === null) {
      problems.push({
        field: "budgetYuan",
        message: `budgetYuan "${input.budgetYuan}" must be a non-negative amount in yuan with at most two decimals`,
      });
    }
    const shares = {
      surplusRetainedShare: parseDecimal(input.surplusRetainedShare),
      overspendSharedShare: parseDecimal(input.overspendSharedShare),
    };
    for (const [name, v] of Object.entries(shares)) {
      if (v === null || v > SHARE_SCALE)
        problems.push({
          field: name,
          message: `${name} must be a decimal between 0 and 1 (at most 4 places)`,
        });
    }
    if (!input.name.trim()) problems.push({ field: "name", message: "name is required" });
    let regionCode = pool;
    if (input.kind === "POOL" && input.key !== pool) {
      problems.push({ field: "key", message: `a POOL budget's key is its pooling area (${pool})` });
    }
    if (input.kind === "ALLIANCE") {
      if (poolingAreaOf(keyRegion) !== pool) {
        problems.push({
          field: "key",
          message: `an ALLIANCE key starts with its county's code: ${keyRegion} is not within pooling area ${pool}`,
        });
      }
      if (input.regionCode && input.regionCode !== keyRegion) {
        problems.push({
          field: "regionCode",
          message: `an ALLIANCE budget's county is the one its key starts with (${keyRegion}), not ${input.regionCode}`,
        });
      }
      regionCode = keyRegion;
    }
    if (problems.length) throw fail("invalid global budget", problems);
    requireYear(input.year, deps.now());
    if (input.kind === "INSTITUTION") {
      const inst = await institutionInfo(deps, input.key, ctx, "key");
      if (inst.poolingArea !== pool) {
        throw fail("invalid global budget", [
          { field: "key", message: `${inst.id} belongs to pooling area ${inst.poolingArea}, not ${pool}` },
        ]);
      }
      regionCode = inst.regionCode;
    }
    return {
      regionCode,
      budgetFen: budgetFen as bigint,
      surplusRetainedShare: formatScaled(shares.surplusRetainedShare as bigint),
      overspendSharedShare: formatScaled(shares.overspendSharedShare as bigint),
    };
  }

  return {
    Mutation: {
      setGlobalBudget: async (
        _: unknown,
        { input }: { input: SetGlobalBudgetInput },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "approver");
        // the new side: the pool, the region the key names and the county given must all be in scope
        const pool = requirePool(input.poolingArea);
        requireRegionInScope(ctx.principal, pool, "poolingArea");
        const keyRegion = requireBudgetKeyInScope(ctx, input.kind, input.key);
        if (input.kind === "ALLIANCE" && input.regionCode)
          requireRegionInScope(ctx.principal, input.regionCode, "regionCode");
        const checked = await validateBudget(input, pool, keyRegion, ctx);
        const actor = actorOf(ctx);
        const values = {
          kind: input.kind,
          poolingArea: pool,
          key: input.key,
          name: input.name.trim(),
          year: input.year,
          ...checked,
          updatedBy: actor.sub,
          updatedAt: new Date(),
        };
        const changed = await db.transaction(async (tx) => {
          if (input.kind === "POOL") await refuseClosed(tx, pool, input.year, "year");
          const b = globalBudget;
          const [old] = await tx
            .select()
            .from(b)
            .where(and(eq(b.kind, input.kind), eq(b.key, input.key), eq(b.year, input.year)))
            .for("update");
          if (old) {
            // the stored side: the row this key addresses must be in scope, and it never moves
            if (!canSee(ctx.principal, old.regionCode) || !canSee(ctx.principal, old.poolingArea))
              throw notInScope(ctx, `${input.kind} budget`, input.key, "key");
            if (old.poolingArea !== pool || old.regionCode !== values.regionCode) {
              throw fail("invalid global budget", [
                {
                  field: "key",
                  message: `${input.kind} budget "${input.key}" of ${input.year} belongs to ${old.regionCode} in pooling area ${old.poolingArea}: a budget does not move`,
                },
              ]);
            }
          }
          if (old && JSON.stringify(budgetJson(old)) === JSON.stringify(budgetJson(values))) return false;
          await tx
            .insert(b)
            .values(values)
            .onConflictDoUpdate({ target: [b.kind, b.key, b.year], set: values });
          await audit(
            tx,
            actor,
            "setGlobalBudget",
            `budget:${input.kind}:${input.key}:${input.year}`,
            old ? budgetJson(old) : null,
            budgetJson(values),
          );
          return true;
        });
        const [row] = await listBudgets(db, pool, input.year, values.regionCode).then((list) =>
          list.filter((x) => x.budget.kind === input.kind && x.budget.key === input.key),
        );
        if (!row) throw new Error("budget not found after write");
        return { budget: budgetToGraphQL(row.budget, row.spend), changed };
      },
      reportBudgetSpend: async (
        _: unknown,
        { input }: { input: { kind: BudgetKind; key: string; quarter: string; spentYuan: string } },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "reporter");
        requireBudgetKeyInScope(ctx, input.kind, input.key);
        const problems: Problem[] = [];
        const current = currentQuarter(deps.now());
        if (quarterIndex(input.quarter) > quarterIndex(current)) {
          problems.push({
            field: "quarter",
            message: `${input.quarter} is in the future (current quarter: ${current})`,
          });
        }
        const spentFen = yuanToFen(input.spentYuan);
        if (spentFen === null) {
          problems.push({
            field: "spentYuan",
            message: `spentYuan "${input.spentYuan}" must be a non-negative amount in yuan with at most two decimals`,
          });
        }
        if (problems.length || spentFen === null) throw fail("invalid budget spend", problems);
        const year = yearOf(input.quarter);
        const actor = actorOf(ctx);
        const outcome = await db.transaction(async (tx) => {
          const b = globalBudget;
          const [budget] = await tx
            .select()
            .from(b)
            .where(and(eq(b.kind, input.kind), eq(b.key, input.key), eq(b.year, year)))
            .for("update");
          if (!budget) {
            throw fail("invalid budget spend", [
              { field: "key", message: `no ${input.kind} budget "${input.key}" for ${year}` },
            ]);
          }
          // the stored side: the budget (and so its spend) must lie in the caller's scope
          if (!canSee(ctx.principal, budget.regionCode))
            throw notInScope(ctx, `${input.kind} budget`, input.key, "key");
          const s = globalBudgetSpend;
          const key = and(eq(s.budgetId, budget.id), eq(s.quarter, input.quarter));
          const [old] = await tx.select().from(s).where(key).for("update");
          if (old && old.spentFen === spentFen) return { budget, changed: false };
          const values = {
            budgetId: budget.id,
            quarter: input.quarter,
            spentFen,
            reportedBy: actor.sub,
            updatedAt: new Date(),
          };
          await tx
            .insert(s)
            .values(values)
            .onConflictDoUpdate({ target: [s.budgetId, s.quarter], set: values });
          await audit(
            tx,
            actor,
            "reportBudgetSpend",
            `budget_spend:${budget.id}:${input.quarter}`,
            old ? { spentFen: old.spentFen.toString() } : null,
            { spentFen: spentFen.toString() },
          );
          return { budget, changed: true };
        });
        const { budget, changed } = outcome;
        const [row] = (await listBudgets(db, budget.poolingArea, year, budget.regionCode)).filter(
          (x) => x.budget.id === budget.id,
        );
        if (!row) throw new Error("budget not found after write");
        return { budget: budgetToGraphQL(row.budget, row.spend), changed };
      },
    },
  };
}
