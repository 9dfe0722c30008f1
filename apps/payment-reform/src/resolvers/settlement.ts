// The year-end DIP settlement of a pooling area (run, close, reopen) and the grade coefficients.
import type { Database } from "@hsa/db";
import { refuseLocked, requireStoredInScope, withChildren } from "@hsa/reporting";
import { requireRegionInScope, requireRole, type SubgraphContext } from "@hsa/subgraph-kit";
import { and, eq, sql } from "drizzle-orm";
import { poolBudget, settlementInputs, type Tx } from "../db/queries";
import { type CoefficientGrade, type DipSettlementRow, dipSettlement, dipSettlementLine } from "../db/schema";
import { coefficientFact } from "../facts/budgets";
import {
  closeSettlementFact,
  reopenSettlementFact,
  settlementClosedLock,
  settlementFact,
} from "../facts/settlement";
import type { Resolvers } from "../generated/resolvers";
import { computeSettlement, formatScaled, numericToScaled } from "../settlement";
import { type Deps, requirePool, requireYear } from "./guards";
import { fail, validateDeductions } from "./validate";
import { settlementView as viewSettlement } from "./views";

/**
 * A pool's settlement of a year and its lines, locked; every stored line must lie in the caller's
 * scope (the stored side of run, close and reopen), else FORBIDDEN inside the transaction.
 */
async function lockSettlement(tx: Tx, ctx: SubgraphContext, pool: string, year: number, what: string) {
  // Serialises the writes of one pool-year even before its settlement row exists: two first runs at
  // once would otherwise both take it for new (FOR UPDATE locks no row) and the second would insert
  // lines beside the first's.
  await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`payment:settlement:${pool}:${year}`}))`);
  const [old] = await tx
    .select()
    .from(dipSettlement)
    .where(and(eq(dipSettlement.poolingArea, pool), eq(dipSettlement.year, year)))
    .for("update");
  const oldLines = old
    ? await tx
        .select()
        .from(dipSettlementLine)
        .where(eq(dipSettlementLine.settlementId, old.id))
        .for("update")
    : [];
  requireStoredInScope(ctx.principal, new Set(oldLines.map((l) => l.regionCode)), what, "poolingArea");
  return { old: old as DipSettlementRow | undefined, oldLines };
}

export function settlementMutations(deps: Deps): Resolvers {
  const { db } = deps;
  // After a run, a close or a reopen the settlement exists (the payload's settlement is non-null).
  const settlementView = async (pool: string, year: number, scope: string) => {
    const view = await viewSettlement(db, pool, year, scope);
    if (!view) throw new Error(`DIP settlement of ${pool} for ${year} not found after writing it`);
    return view;
  };
  return {
    Mutation: {
      runDipSettlement: async (
        _: unknown,
        args: {
          poolingArea: string;
          year: number;
          deductions?: { institutionId: string; deductionYuan: string }[] | null;
        },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "approver");
        const pool = requirePool(args.poolingArea);
        requireRegionInScope(ctx.principal, pool, "poolingArea");
        const year = requireYear(args.year, deps.now());
        const given = args.deductions ? validateDeductions(args.deductions) : null;
        if (given?.problems.length) throw fail("invalid deductions", given.problems);
        const outcome = await db.transaction(async (tx) => {
          // the stored side first (as close and reopen): every stored line in scope, else FORBIDDEN
          const { oldLines } = await lockSettlement(tx, ctx, pool, year, "cannot settle");
          // a CLOSED year is refused before anything is computed (the fact checks it again)
          await refuseLocked(tx, settlementClosedLock, { poolingArea: pool, year });
          const budget = await poolBudget(tx as unknown as Database, pool, year);
          if (!budget) {
            throw fail("cannot settle", [
              {
                field: "poolingArea",
                message: `no DIP fund budget (POOL global budget) for ${pool} in ${year}`,
              },
            ]);
          }
          const inputs = await settlementInputs(tx as unknown as Database, pool, year);
          if (inputs.length === 0) {
            throw fail("cannot settle", [
              { field: "year", message: `no DIP cases reported in ${pool} for ${year}` },
            ]);
          }
          // the new side: every line it would write (an institution's cases pooled here) in scope too
          requireStoredInScope(
            ctx.principal,
            inputs.map((i) => i.regionCode),
            "cannot settle",
            "poolingArea",
          );
          const deductions =
            given?.parsed ?? new Map(oldLines.map((l) => [l.institutionId, l.deductionFen] as const));
          const known = new Set(inputs.map((i) => i.institutionId));
          const stray = [...(given?.parsed.keys() ?? [])].filter((id) => !known.has(id));
          if (stray.length) {
            throw fail(
              "invalid deductions",
              stray.map((id) => ({
                field: "deductions",
                message: `${id} has no DIP cases in ${pool} for ${year}`,
              })),
            );
          }
          const result = computeSettlement(
            budget.budgetFen,
            inputs.map((i) => ({
              institutionId: i.institutionId,
              regionCode: i.regionCode,
              points4: numericToScaled(i.points),
              prepaidFen: BigInt(i.prepaidFen),
              deductionFen: deductions.get(i.institutionId) ?? 0n,
            })),
          );
          // The declared fact (facts/settlement.ts) checks the scope of every line it replaces and
          // writes, the closed-year lock, compares with the stored settlement and its lines (the same
          // figures again: nothing written), stores it and audits it, in this transaction.
          const settlement = withChildren(
            {
              poolingArea: pool,
              year,
              status: "OPEN",
              budgetFen: result.budgetFen,
              totalPoints: formatScaled(result.totalPoints4),
              pointValue: formatScaled(result.pointValue8, 8),
            },
            result.lines.map((l) => ({
              institutionId: l.institutionId,
              regionCode: l.regionCode,
              points: formatScaled(l.points4),
              grossFen: l.grossFen,
              prepaidFen: l.prepaidFen,
              deductionFen: l.deductionFen,
              netFen: l.netFen,
            })),
          );
          const written = await settlementFact.writeMutation(
            tx,
            deps.workflow,
            ctx,
            [settlement],
            "runDipSettlement",
          );
          return { changed: written.rows[0]?.changed === true };
        });
        const settlement = await settlementView(pool, year, ctx.principal.scope as string);
        return { settlement, changed: outcome.changed };
      },
      closeDipSettlement: async (
        _: unknown,
        args: { poolingArea: string; year: number },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "approver");
        const pool = requirePool(args.poolingArea);
        requireRegionInScope(ctx.principal, pool, "poolingArea");
        await db.transaction(async (tx) => {
          const { old } = await lockSettlement(tx, ctx, pool, args.year, "cannot close");
          if (!old) {
            throw fail("cannot close", [
              { field: "year", message: `no DIP settlement of ${pool} for ${args.year}: run it first` },
            ]);
          }
          // closing a CLOSED settlement changes nothing (no new audit entry)
          const close = { poolingArea: pool, year: args.year, status: "CLOSED" };
          await closeSettlementFact.writeMutation(tx, deps.workflow, ctx, [close], "closeDipSettlement");
        });
        return settlementView(pool, args.year, ctx.principal.scope as string);
      },
      reopenDipSettlement: async (
        _: unknown,
        args: { poolingArea: string; year: number; reason: string },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "admin");
        const pool = requirePool(args.poolingArea);
        requireRegionInScope(ctx.principal, pool, "poolingArea");
        const reason = args.reason.trim();
        if (!reason) throw fail("cannot reopen", [{ field: "reason", message: "a reason is required" }]);
        await db.transaction(async (tx) => {
          const { old } = await lockSettlement(tx, ctx, pool, args.year, "cannot reopen");
          if (old?.status !== "CLOSED") {
            throw fail("cannot reopen", [
              { field: "year", message: `the DIP settlement of ${pool} for ${args.year} is not closed` },
            ]);
          }
          const reopen = { poolingArea: pool, year: args.year, status: "OPEN", reopenReason: reason };
          await reopenSettlementFact.writeMutation(tx, deps.workflow, ctx, [reopen], "reopenDipSettlement");
        });
        return settlementView(pool, args.year, ctx.principal.scope as string);
      },
      setInstitutionCoefficient: async (
        _: unknown,
        {
          input,
        }: { input: { poolingArea: string; year: number; grade: CoefficientGrade; coefficient: string } },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "approver");
        const pool = requirePool(input.poolingArea);
        // both sides at once: the stored coefficient and the new one are keyed by the same pool
        requireRegionInScope(ctx.principal, pool, "poolingArea");
        const { problems, values } = coefficientFact.check({ ...input, poolingArea: pool }, deps.now());
        if (problems.length) throw fail("invalid coefficient", problems);
        const written = await coefficientFact.writeMutation(
          db,
          deps.workflow,
          ctx,
          [values],
          "setInstitutionCoefficient",
        );
        const row = written.rows[0]?.row as { coefficient: string };
        return { poolingArea: pool, year: input.year, grade: input.grade, coefficient: row.coefficient };
      },
    },
  };
}
