// Global budgets (总额预算): setGlobalBudget (approver) and reportBudgetSpend (reporter).
//
// A budget is addressed by (kind, key, year), and its key names its region (see guards.ts): a POOL
// key is the pooling area, an INSTITUTION key the institution id (which starts with its county), an
// ALLIANCE key must start with the alliance's county code and a hyphen ("150702-ALLIANCE"). So a
// key chosen by a client can only ever address a budget of the county it names, and that county is
// checked against the caller's scope before anything is looked up.
import type { FactValues } from "@hsa/reporting";
import { badInput, canSee, requireRegionInScope, requireRole, type SubgraphContext } from "@hsa/subgraph-kit";
import { and, eq } from "drizzle-orm";
import { listBudgets, poolingAreaOf } from "../db/queries";
import { type BudgetKind, type GlobalBudgetRow, globalBudget } from "../db/schema";
import { budgetSpendFact, globalBudgetFact } from "../facts/budgets";
import type { Resolvers } from "../generated/resolvers";
import {
  budgetKeyRegion,
  type Deps,
  institutionInfo,
  notInScope,
  regionOfId,
  requireIdInScope,
  requirePool,
  requireYear,
} from "./guards";
import { fail, yearOf } from "./validate";
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

export function budgetMutations(deps: Deps): Resolvers {
  const { db } = deps;

  /** The budget's stored values from the input (its region derived); every problem of the input listed at once. */
  async function validateBudget(
    input: SetGlobalBudgetInput,
    pool: string,
    keyRegion: string,
    ctx: SubgraphContext,
  ): Promise<FactValues> {
    const { problems, values } = globalBudgetFact.check({ ...input, poolingArea: pool }, deps.now());
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
    return { ...values, name: input.name.trim(), regionCode };
  }

  /** The payload: the stored budget with its spend, as the caller sees it. */
  async function budgetView(
    pool: string,
    year: number,
    regionCode: string,
    match: (b: GlobalBudgetRow) => boolean,
  ) {
    const [row] = (await listBudgets(db, pool, year, regionCode)).filter((x) => match(x.budget));
    if (!row) throw new Error("budget not found after write");
    return budgetToGraphQL(row.budget, row.spend);
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
        const values = await validateBudget(input, pool, keyRegion, ctx);
        // stored side (its regions in scope, never moved), closed-year lock, idempotency, audit: the declared fact
        const written = await globalBudgetFact.writeMutation(
          db,
          deps.workflow,
          ctx,
          [values],
          "setGlobalBudget",
        );
        const budget = await budgetView(
          pool,
          input.year,
          String(values.regionCode),
          (b) => b.kind === input.kind && b.key === input.key,
        );
        return { budget, changed: written.rows[0]?.changed ?? false };
      },
      reportBudgetSpend: async (
        _: unknown,
        { input }: { input: { kind: BudgetKind; key: string; quarter: string; spentYuan: string } },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "reporter");
        requireBudgetKeyInScope(ctx, input.kind, input.key);
        const { problems, values } = budgetSpendFact.check(input, deps.now());
        if (problems.length) throw fail("invalid budget spend", problems);
        const year = yearOf(input.quarter);
        const b = globalBudget;
        const [budget] = await db
          .select()
          .from(b)
          .where(and(eq(b.kind, input.kind), eq(b.key, input.key), eq(b.year, year)));
        if (!budget) {
          throw fail("invalid budget spend", [
            { field: "key", message: `no ${input.kind} budget "${input.key}" for ${year}` },
          ]);
        }
        // the stored side: the budget (and so its spend) must lie in the caller's scope
        if (!canSee(ctx.principal, budget.regionCode))
          throw notInScope(ctx, `${input.kind} budget`, input.key, "key");
        const fact = { ...values, budgetId: budget.id, regionCode: budget.regionCode };
        const written = await budgetSpendFact.writeMutation(
          db,
          deps.workflow,
          ctx,
          [fact],
          "reportBudgetSpend",
        );
        const view = await budgetView(budget.poolingArea, year, budget.regionCode, (x) => x.id === budget.id);
        return { budget: view, changed: written.rows[0]?.changed ?? false };
      },
    },
  };
}
