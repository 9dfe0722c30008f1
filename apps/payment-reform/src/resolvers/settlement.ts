// The year-end DIP settlement of a pooling area (run, close, reopen) and the grade coefficients.
import type { Database } from "@hsa/db";
import { auditCommand, requireStoredInScope } from "@hsa/reporting";
import { requireRegionInScope, requireRole, type SubgraphContext } from "@hsa/subgraph-kit";
import { and, eq } from "drizzle-orm";
import { poolBudget, settlementInputs, type Tx } from "../db/queries";
import {
  auditEvent,
  type CoefficientGrade,
  type DipSettlementRow,
  dipSettlement,
  dipSettlementLine,
} from "../db/schema";
import { coefficientFact } from "../facts/budgets";
import { refuseClosed } from "../facts/locks";
import type { Resolvers } from "../generated/resolvers";
import { computeSettlement, formatScaled, numericToScaled } from "../settlement";
import { actorOf, type Deps, requirePool, requireYear } from "./guards";
import { fail, validateDeductions } from "./validate";
import { settlementView as viewSettlement } from "./views";

/**
 * A pool's settlement of a year and its lines, locked; every stored line must lie in the caller's
 * scope (the stored side of run, close and reopen), else FORBIDDEN inside the transaction.
 */
async function lockSettlement(tx: Tx, ctx: SubgraphContext, pool: string, year: number, what: string) {
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
        const actor = actorOf(ctx);
        const outcome = await db.transaction(async (tx) => {
          const { old, oldLines } = await lockSettlement(tx, ctx, pool, year, "cannot settle");
          await refuseClosed(tx, pool, year, "year");
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
          const summary = (s: {
            budgetFen: bigint;
            totalPoints: string;
            pointValue: string;
            lines: {
              institutionId: string;
              points: string;
              grossFen: bigint;
              prepaidFen: bigint;
              deductionFen: bigint;
              netFen: bigint;
            }[];
          }) => ({
            budgetFen: s.budgetFen.toString(),
            totalPoints: formatScaled(numericToScaled(s.totalPoints)),
            pointValue: formatScaled(numericToScaled(s.pointValue, 8), 8),
            lines: [...s.lines]
              .sort((a, b) => (a.institutionId < b.institutionId ? -1 : 1))
              .map((l) => [
                l.institutionId,
                formatScaled(numericToScaled(l.points)),
                l.grossFen.toString(),
                l.prepaidFen.toString(),
                l.deductionFen.toString(),
                l.netFen.toString(),
              ]),
          });
          const next = summary({
            budgetFen: result.budgetFen,
            totalPoints: formatScaled(result.totalPoints4),
            pointValue: formatScaled(result.pointValue8, 8),
            lines: result.lines.map((l) => ({ ...l, points: formatScaled(l.points4) })),
          });
          const prev = old ? summary({ ...old, lines: oldLines }) : null;
          if (prev && JSON.stringify(prev) === JSON.stringify(next))
            return { id: old?.id as number, changed: false };
          const header = {
            poolingArea: pool,
            year,
            status: "OPEN" as const,
            budgetFen: result.budgetFen,
            totalPoints: formatScaled(result.totalPoints4),
            pointValue: formatScaled(result.pointValue8, 8),
            runBy: actor.sub,
            runAt: new Date(),
          };
          const [row] = await tx
            .insert(dipSettlement)
            .values(header)
            .onConflictDoUpdate({ target: [dipSettlement.poolingArea, dipSettlement.year], set: header })
            .returning();
          if (!row) throw new Error("settlement upsert returned no row");
          await tx.delete(dipSettlementLine).where(eq(dipSettlementLine.settlementId, row.id));
          await tx.insert(dipSettlementLine).values(
            result.lines.map((l) => ({
              settlementId: row.id,
              institutionId: l.institutionId,
              regionCode: l.regionCode,
              points: formatScaled(l.points4),
              grossFen: l.grossFen,
              prepaidFen: l.prepaidFen,
              deductionFen: l.deductionFen,
              netFen: l.netFen,
            })),
          );
          await auditCommand(tx, auditEvent, {
            actor,
            action: "runDipSettlement",
            kind: "dip_settlement",
            key: { pool, year },
            regionCode: pool,
            oldValue: prev,
            newValue: next,
          });
          return { id: row.id, changed: true };
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
        const actor = actorOf(ctx);
        await db.transaction(async (tx) => {
          const { old } = await lockSettlement(tx, ctx, pool, args.year, "cannot close");
          if (!old) {
            throw fail("cannot close", [
              { field: "year", message: `no DIP settlement of ${pool} for ${args.year}: run it first` },
            ]);
          }
          if (old.status === "CLOSED") return;
          await tx
            .update(dipSettlement)
            .set({ status: "CLOSED", closedBy: actor.sub, closedAt: new Date() })
            .where(eq(dipSettlement.id, old.id));
          await auditCommand(tx, auditEvent, {
            actor,
            action: "closeDipSettlement",
            kind: "dip_settlement",
            key: { pool, year: args.year },
            regionCode: pool,
            oldValue: { status: "OPEN" },
            newValue: { status: "CLOSED" },
          });
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
        const actor = actorOf(ctx);
        await db.transaction(async (tx) => {
          const { old } = await lockSettlement(tx, ctx, pool, args.year, "cannot reopen");
          if (old?.status !== "CLOSED") {
            throw fail("cannot reopen", [
              { field: "year", message: `the DIP settlement of ${pool} for ${args.year} is not closed` },
            ]);
          }
          await tx
            .update(dipSettlement)
            .set({ status: "OPEN", reopenedBy: actor.sub, reopenReason: reason })
            .where(eq(dipSettlement.id, old.id));
          await auditCommand(tx, auditEvent, {
            actor,
            action: "reopenDipSettlement",
            kind: "dip_settlement",
            key: { pool, year: args.year },
            regionCode: pool,
            oldValue: { status: "CLOSED" },
            newValue: { status: "OPEN", reason },
          });
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
