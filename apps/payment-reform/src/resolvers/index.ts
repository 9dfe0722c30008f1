import { type Database, fenToYuan, yuanToFen } from "@hsa/db";
import { computeValue, kpiStatus, type Observation, withTargetOverrides } from "@hsa/kpi";
import { currentQuarter, quarterIndex } from "@hsa/periods";
import type { Region } from "@hsa/regions";
import { completenessMetrics, type Workflow } from "@hsa/reporting";
import {
  badInput,
  buildKpiSeries,
  forbidden,
  lookupInstitution,
  metricsForGraphQL,
  type ObservationTable,
  parseKpiArgs,
  perRequest,
  type ResolverMap,
  regionRollupLoader,
  requireKnownRegion,
  requireRegionInScope,
  requireRole,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import { and, eq } from "drizzle-orm";
import {
  type Actor,
  audit,
  type CaseSums,
  canSeePool,
  caseTotal,
  coefficientFor,
  eligibleIn,
  findSettlement,
  institutionSettlements,
  listBudgets,
  listCoefficients,
  listGroups,
  poolBudget,
  poolingAreaOf,
  settlementInputs,
  settlementLines,
  type Tx,
} from "../db/queries";
import { budgetSumsMany, caseSumsMany, eligibleBySinceYearMany, pointValueSumsMany } from "../db/rollup";
import {
  COEFFICIENT_GRADES,
  type CoefficientGrade,
  type DipCaseRow,
  type DipSettlementLineRow,
  type DipSettlementRow,
  dipCaseAggregate,
  dipInstitution,
  dipSettlement,
  dipSettlementLine,
  type GlobalBudgetRow,
  globalBudget,
  globalBudgetSpend,
  institutionCoefficient,
} from "../db/schema";
import { DEFAULT_COEFFICIENTS, type PaymentMetricId, POINT_VALUE_ID, paymentMetrics } from "../metrics";
import { paymentWorkflow } from "../reporting";
import {
  budgetOutcome,
  casePoints,
  computeSettlement,
  formatScaled,
  numericToScaled,
  parseDecimal,
  SHARE_SCALE,
} from "../settlement";

export interface Problem {
  field: string;
  message: string;
}

export interface DipGroupCasesInput {
  groupCode: string;
  cases: number;
  fundPrepaidYuan: string;
  dipFundYuan: string;
  inpatientFundYuan: string;
}

export interface ParsedGroupCases {
  groupCode: string;
  cases: number;
  fundPrepaidFen: bigint;
  dipFundFen: bigint;
  inpatientFundFen: bigint;
}

/** Validates a DIP case report (shape only; groups are checked against the catalogue later). */
export function validateDipCases(
  quarter: string,
  groups: readonly DipGroupCasesInput[],
  now: Date = new Date(),
): { problems: Problem[]; parsed: ParsedGroupCases[] } {
  const problems: Problem[] = [];
  const parsed: ParsedGroupCases[] = [];
  const current = currentQuarter(now);
  if (quarterIndex(quarter) > quarterIndex(current)) {
    problems.push({ field: "quarter", message: `${quarter} is in the future (current quarter: ${current})` });
  }
  if (groups.length === 0) problems.push({ field: "groups", message: "at least one group must be reported" });
  const seen = new Set<string>();
  groups.forEach((g, i) => {
    const at = `groups[${i}]`;
    if (seen.has(g.groupCode))
      problems.push({ field: `${at}.groupCode`, message: `${g.groupCode} is reported twice` });
    seen.add(g.groupCode);
    let ok = true;
    if (!Number.isSafeInteger(g.cases) || g.cases < 0) {
      problems.push({
        field: `${at}.cases`,
        message: `cases must be a non-negative whole number (got ${g.cases})`,
      });
      ok = false;
    }
    const amounts = {
      fundPrepaidYuan: yuanToFen(g.fundPrepaidYuan),
      dipFundYuan: yuanToFen(g.dipFundYuan),
      inpatientFundYuan: yuanToFen(g.inpatientFundYuan),
    };
    for (const [name, value] of Object.entries(amounts)) {
      if (value === null) {
        problems.push({
          field: `${at}.${name}`,
          message: `${name} "${g[name as keyof typeof amounts]}" must be a non-negative amount in yuan with at most two decimals`,
        });
        ok = false;
      }
    }
    const { fundPrepaidYuan: prepaid, dipFundYuan: dip, inpatientFundYuan: inpatient } = amounts;
    if (dip !== null && inpatient !== null && dip > inpatient) {
      problems.push({
        field: `${at}.dipFundYuan`,
        message: `${g.groupCode}: DIP-paid fund (${g.dipFundYuan}) exceeds all inpatient fund (${g.inpatientFundYuan})`,
      });
      ok = false;
    }
    if (ok && prepaid !== null && dip !== null && inpatient !== null) {
      parsed.push({
        groupCode: g.groupCode,
        cases: g.cases,
        fundPrepaidFen: prepaid,
        dipFundFen: dip,
        inpatientFundFen: inpatient,
      });
    }
  });
  return { problems, parsed };
}

/** Parses settlement deductions: yuan ≥ 0, one per institution. */
export function validateDeductions(deductions: readonly { institutionId: string; deductionYuan: string }[]): {
  problems: Problem[];
  parsed: Map<string, bigint>;
} {
  const problems: Problem[] = [];
  const parsed = new Map<string, bigint>();
  deductions.forEach((d, i) => {
    const fen = yuanToFen(d.deductionYuan);
    if (fen === null) {
      problems.push({
        field: `deductions[${i}].deductionYuan`,
        message: `deductionYuan "${d.deductionYuan}" must be a non-negative amount in yuan with at most two decimals`,
      });
    } else if (parsed.has(d.institutionId)) {
      problems.push({
        field: `deductions[${i}].institutionId`,
        message: `${d.institutionId} is listed twice`,
      });
    } else parsed.set(d.institutionId, fen);
  });
  return { problems, parsed };
}

const fail = (what: string, problems: Problem[]) =>
  badInput(`${what}: ${problems.map((p) => p.message).join("; ")}`, { problems });

const yearOf = (quarter: string) => Number(quarter.slice(0, 4));

function caseToGraphQL(row: DipCaseRow) {
  return {
    institutionId: row.institutionId,
    regionCode: row.regionCode,
    poolingArea: row.poolingArea,
    quarter: row.quarter,
    groupCode: row.groupCode,
    groupType: row.groupType,
    cases: row.cases,
    score: formatScaled(numericToScaled(row.score)),
    coefficient: formatScaled(numericToScaled(row.coefficient)),
    points: formatScaled(numericToScaled(row.points)),
    fundPrepaidYuan: fenToYuan(row.fundPrepaidFen),
    dipFundYuan: fenToYuan(row.dipFundFen),
    inpatientFundYuan: fenToYuan(row.inpatientFundFen),
  };
}

function lineToGraphQL(line: DipSettlementLineRow) {
  return {
    institutionId: line.institutionId,
    regionCode: line.regionCode,
    points: formatScaled(numericToScaled(line.points)),
    grossYuan: fenToYuan(line.grossFen),
    prepaidYuan: fenToYuan(line.prepaidFen),
    deductionYuan: fenToYuan(line.deductionFen),
    netYuan: fenToYuan(line.netFen),
  };
}

function settlementToGraphQL(s: DipSettlementRow, lines: DipSettlementLineRow[]) {
  return {
    poolingArea: s.poolingArea,
    year: s.year,
    status: s.status,
    budgetYuan: fenToYuan(s.budgetFen),
    totalPoints: formatScaled(numericToScaled(s.totalPoints)),
    pointValue: formatScaled(numericToScaled(s.pointValue, 8), 8),
    runBy: s.runBy,
    runAt: s.runAt.toISOString(),
    closedBy: s.closedBy,
    reopenedBy: s.reopenedBy,
    reopenReason: s.reopenReason,
    lines: lines.map(lineToGraphQL),
  };
}

function budgetToGraphQL(b: GlobalBudgetRow, spend: { quarter: string; spentFen: bigint }[]) {
  const spent = spend.reduce((s, x) => s + x.spentFen, 0n);
  const surplus4 = numericToScaled(b.surplusRetainedShare);
  const overspend4 = numericToScaled(b.overspendSharedShare);
  const o = budgetOutcome(b.budgetFen, spent, surplus4, overspend4);
  return {
    id: String(b.id),
    kind: b.kind,
    poolingArea: b.poolingArea,
    regionCode: b.regionCode,
    key: b.key,
    name: b.name,
    year: b.year,
    budgetYuan: fenToYuan(b.budgetFen),
    surplusRetainedShare: formatScaled(surplus4),
    overspendSharedShare: formatScaled(overspend4),
    spend: spend.map((x) => ({ quarter: x.quarter, spentYuan: fenToYuan(x.spentFen) })),
    spentYuan: fenToYuan(spent),
    executionRate: b.budgetFen === 0n ? null : (100 * Number(spent)) / Number(b.budgetFen),
    surplusYuan: fenToYuan(o.surplusFen),
    retainedYuan: fenToYuan(o.retainedFen),
    overspendYuan: fenToYuan(o.overspendFen),
    sharedOverspendYuan: fenToYuan(o.sharedFen),
  };
}

interface InstitutionInfo {
  id: string;
  kind: string;
  grade: CoefficientGrade;
  regionCode: string;
  poolingArea: string;
}

export interface ResolverOptions {
  /** GraphQL URL of the supervision subgraph, the owner of institutions. */
  supervisionUrl: string;
  env?: NodeJS.ProcessEnv;
  /** "now", for tests (future quarters and years are refused). */
  now?: () => Date;
  /** The reporting workflow (approved county-quarters are locked; completeness KPIs). */
  workflow?: Workflow;
}

export function createResolvers(db: Database, opts: ResolverOptions): ResolverMap {
  const workflow = opts.workflow ?? paymentWorkflow(db);
  // The reporting completeness KPIs (@hsa/reporting) complete the catalogue.
  const catalogue = withTargetOverrides(
    [...paymentMetrics, ...completenessMetrics("payment", workflow.deadlineDays)],
    (opts.env ?? process.env).HSA_KPI_TARGETS,
  );
  const formulaIds = new Set<string>(paymentMetrics.map((m) => m.id));
  const pointValueDef = catalogue.find((m) => m.id === POINT_VALUE_ID);
  const now = opts.now ?? (() => new Date());
  // Per request: a region and its children are summed in one statement per kind (no query per child).
  type Range = { from: string; to: string };
  const kpiLoaders = perRequest((_ctx: SubgraphContext) => ({
    cases: regionRollupLoader(
      (codes, a: Range) => caseSumsMany(db, codes, a.from, a.to),
      () => new Map<string, CaseSums>(),
    ),
    eligible: regionRollupLoader(
      (codes, _a: null) => eligibleBySinceYearMany(db, codes),
      () => new Map<number, number>(),
    ),
    pointValues: regionRollupLoader(
      (codes, a: Range) => pointValueSumsMany(db, codes, a.from, a.to),
      () => new Map<string, { budgetYuan: number; points: number }>(),
    ),
    budgets: regionRollupLoader(
      (codes, quarters: string[]) => budgetSumsMany(db, codes, quarters),
      () => new Map<string, { spentYuan: number; budgetYuan: number }>(),
    ),
  }));

  /** Asks supervision (the owner) whether the institution exists, what it is and where; its scope rules apply. */
  async function institutionInfo(
    id: string,
    ctx: SubgraphContext,
    field = "institutionId",
  ): Promise<InstitutionInfo> {
    const inst = await lookupInstitution(opts.supervisionUrl, id, ctx, field);
    const region = inst.regionCode;
    const grade = (COEFFICIENT_GRADES as readonly string[]).includes(inst.grade ?? "")
      ? (inst.grade as CoefficientGrade)
      : "NONE";
    return { id, kind: inst.kind, grade, regionCode: region, poolingArea: poolingAreaOf(region) };
  }

  /** A pooling-area argument: a known region that is a pool (a city), else BAD_USER_INPUT. */
  function requirePool(code: string, argName = "poolingArea"): string {
    requireKnownRegion(code, argName);
    if (poolingAreaOf(code) !== code) {
      throw badInput(
        `${argName} ${code} is not a pooling area: use the city's code (${poolingAreaOf(code)})`,
        {
          argumentName: argName,
        },
      );
    }
    return code;
  }

  function requireYear(year: number, argName = "year"): number {
    const current = now().getUTCFullYear();
    if (!Number.isInteger(year) || year < 2000 || year > current) {
      throw badInput(`${argName} ${year} must be a year between 2000 and ${current}`, {
        argumentName: argName,
      });
    }
    return year;
  }

  /** Header visible to the scope: the pool in scope or the scope inside the pool; FORBIDDEN otherwise. */
  function requirePoolVisible(ctx: SubgraphContext, pool: string) {
    if (!canSeePool(ctx.principal.scope, pool)) {
      throw forbidden(
        ctx.principal.scope === null
          ? "your token has no region scope: it grants access to no region"
          : `pooling area ${pool} is outside your scope (${ctx.principal.scope})`,
        { regionCode: pool },
      );
    }
  }

  async function settlementView(pool: string, year: number, scope: string) {
    const s = await findSettlement(db, pool, year);
    if (!s) return null;
    return settlementToGraphQL(s, await settlementLines(db, s.id, scope));
  }

  async function refuseClosed(tx: Tx, pool: string, year: number, field: string) {
    const [s] = await tx
      .select({ status: dipSettlement.status })
      .from(dipSettlement)
      .where(and(eq(dipSettlement.poolingArea, pool), eq(dipSettlement.year, year)));
    if (s?.status === "CLOSED") {
      throw badInput(`the DIP settlement of ${pool} for ${year} is closed; an admin must reopen it`, {
        problems: [{ field, message: `${pool} ${year} is closed` }],
      });
    }
  }

  const actorOf = (ctx: SubgraphContext): Actor => ({ sub: ctx.principal.sub, name: ctx.principal.name });

  return {
    Query: {
      paymentMetrics: () => metricsForGraphQL(catalogue),
      dipGroups: async (_: unknown, args: { poolingArea: string; year: number }, ctx: SubgraphContext) => {
        const pool = requirePool(args.poolingArea);
        requirePoolVisible(ctx, pool);
        const rows = await listGroups(db, pool, args.year);
        return rows.map((g) => ({ ...g, score: formatScaled(numericToScaled(g.score)) }));
      },
      institutionCoefficients: async (
        _: unknown,
        args: { poolingArea: string; year: number },
        ctx: SubgraphContext,
      ) => {
        const pool = requirePool(args.poolingArea);
        requirePoolVisible(ctx, pool);
        const rows = await listCoefficients(db, pool, args.year);
        return rows.map((c) => ({ ...c, coefficient: formatScaled(numericToScaled(c.coefficient)) }));
      },
      dipSettlement: async (
        _: unknown,
        args: { poolingArea: string; year: number },
        ctx: SubgraphContext,
      ) => {
        const pool = requirePool(args.poolingArea);
        requirePoolVisible(ctx, pool);
        return settlementView(pool, args.year, ctx.principal.scope as string);
      },
      globalBudgets: async (
        _: unknown,
        args: { poolingArea: string; year: number },
        ctx: SubgraphContext,
      ) => {
        const pool = requirePool(args.poolingArea);
        requirePoolVisible(ctx, pool);
        const rows = await listBudgets(db, pool, args.year, ctx.principal.scope as string);
        return rows.map((r) => budgetToGraphQL(r.budget, r.spend));
      },
    },
    Institution: {
      __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
      dipSettlements: async (inst: { id: string }, args: { year?: number | null }, ctx: SubgraphContext) => {
        if (ctx.principal.scope === null) return [];
        const rows = await institutionSettlements(db, inst.id, ctx.principal.scope, args.year ?? undefined);
        return rows.map(({ line, settlement }) => ({
          poolingArea: settlement.poolingArea,
          year: settlement.year,
          status: settlement.status,
          pointValue: formatScaled(numericToScaled(settlement.pointValue, 8), 8),
          ...lineToGraphQL(line),
        }));
      },
    },
    Region: {
      dipCaseTotal: async (region: Region, args: { from: string; to: string }, ctx: SubgraphContext) => {
        requireRegionInScope(ctx.principal, region.code);
        if (quarterIndex(args.from) > quarterIndex(args.to)) {
          throw badInput(`from (${args.from}) is after to (${args.to})`, { argumentName: "from" });
        }
        return caseTotal(db, region.code, args.from, args.to);
      },
      paymentKpis: async (
        region: Region,
        args: { from: string; to: string; metrics?: string[] | null },
        ctx: SubgraphContext,
      ) => {
        requireRegionInScope(ctx.principal, region.code);
        const req = parseKpiArgs(catalogue, args);
        const ids = new Set(req.metrics.map((m) => m.id as PaymentMetricId));
        const needCases =
          ids.has("payment.dip_coverage") ||
          ids.has("payment.dip_fund_share") ||
          ids.has("payment.comprehensive_group_rate");
        const load = kpiLoaders(ctx);
        const range = { from: args.from, to: args.to };
        const [cases, eligible, pointValues, budgets] = await Promise.all([
          needCases ? load.cases.load(region.code, range) : new Map<string, CaseSums>(),
          ids.has("payment.dip_coverage") ? load.eligible.load(region.code, null) : new Map<number, number>(),
          ids.has(POINT_VALUE_ID)
            ? load.pointValues.load(region.code, range)
            : new Map<string, { budgetYuan: number; points: number }>(),
          ids.has("payment.budget_execution")
            ? load.budgets.load(region.code, req.quarters)
            : new Map<string, { spentYuan: number; budgetYuan: number }>(),
        ]);
        const table: ObservationTable = new Map();
        for (const m of req.metrics) {
          if (!formulaIds.has(m.id)) continue; // a reporting-completeness KPI: added below
          const byQuarter = new Map<string, Observation>();
          const id = m.id as PaymentMetricId;
          if (id === "payment.dip_point_value") {
            for (const [quarter, p] of pointValues) {
              byQuarter.set(quarter, { quarter, numerator: p.budgetYuan, denominator: p.points });
            }
          } else if (id === "payment.budget_execution") {
            for (const [quarter, b] of budgets) {
              byQuarter.set(quarter, { quarter, numerator: b.spentYuan, denominator: b.budgetYuan });
            }
          } else if (id === "payment.dip_coverage") {
            for (const q of req.quarters) {
              const den = eligibleIn(eligible, yearOf(q));
              if (den === 0 && !cases.has(q)) continue;
              byQuarter.set(q, { quarter: q, numerator: cases.get(q)?.institutions ?? 0, denominator: den });
            }
          } else {
            for (const [quarter, c] of cases) {
              byQuarter.set(
                quarter,
                id === "payment.dip_fund_share"
                  ? { quarter, numerator: c.dipFundYuan, denominator: c.inpatientFundYuan }
                  : { quarter, numerator: c.comprehensiveCases, denominator: c.cases },
              );
            }
          }
          table.set(m.id, byQuarter);
        }
        await workflow.addCompleteness(ctx, region.code, req, table);
        const series = buildKpiSeries(req, region.code, table);
        // The point value is a price (元/点): value = numerator / denominator, not a percent.
        for (const s of series) {
          if (s.metric.id !== POINT_VALUE_ID || !pointValueDef) continue;
          for (const v of [s.total, ...s.points]) {
            const value =
              v.denominator === null || v.denominator === 0
                ? null
                : (computeValue(pointValueDef, v.numerator, null) ?? 0) / v.denominator;
            v.value = value;
            v.status = kpiStatus(pointValueDef, value);
          }
        }
        return series;
      },
    },
    Mutation: {
      reportDipCases: async (
        _: unknown,
        { input }: { input: { institutionId: string; quarter: string; groups: DipGroupCasesInput[] } },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "reporter");
        const { problems, parsed } = validateDipCases(input.quarter, input.groups, now());
        if (problems.length) throw fail("invalid DIP case report", problems);
        const inst = await institutionInfo(input.institutionId, ctx);
        if (inst.kind !== "HOSPITAL") {
          throw fail("invalid DIP case report", [
            {
              field: "institutionId",
              message: `${inst.id} is a ${inst.kind}: only inpatient hospitals are paid by DIP`,
            },
          ]);
        }
        const year = yearOf(input.quarter);
        const catalogue = new Map((await listGroups(db, inst.poolingArea, year)).map((g) => [g.code, g]));
        if (catalogue.size === 0) {
          throw fail("invalid DIP case report", [
            {
              field: "quarter",
              message: `pooling area ${inst.poolingArea} has no DIP catalogue for ${year}`,
            },
          ]);
        }
        const unknown: Problem[] = [];
        parsed.forEach((g, i) => {
          if (!catalogue.has(g.groupCode)) {
            unknown.push({
              field: `groups[${i}].groupCode`,
              message: `unknown DIP group "${g.groupCode}" in the ${year} catalogue of ${inst.poolingArea}`,
            });
          }
        });
        if (unknown.length) throw fail("invalid DIP case report", unknown);
        const coefficient =
          (await coefficientFor(db, inst.poolingArea, year, inst.grade)) ?? DEFAULT_COEFFICIENTS[inst.grade];
        const coefficient4 = numericToScaled(coefficient);
        const actor = actorOf(ctx);
        const result = await db.transaction(async (tx) => {
          // An approved county-quarter is locked until an approver reopens it; a closed year until an admin does.
          await workflow.assertWritable(tx, { regionCode: inst.regionCode, quarter: input.quarter });
          await refuseClosed(tx, inst.poolingArea, year, "quarter");
          await tx
            .insert(dipInstitution)
            .values({
              institutionId: inst.id,
              regionCode: inst.regionCode,
              poolingArea: inst.poolingArea,
              grade: inst.grade,
              sinceYear: year,
            })
            .onConflictDoNothing();
          const rows: DipCaseRow[] = [];
          let changed = 0;
          for (const g of parsed) {
            const group = catalogue.get(g.groupCode);
            if (!group) throw new Error("group vanished");
            const score4 = numericToScaled(group.score);
            const points = formatScaled(casePoints(g.cases, score4, coefficient4));
            const key = and(
              eq(dipCaseAggregate.institutionId, inst.id),
              eq(dipCaseAggregate.quarter, input.quarter),
              eq(dipCaseAggregate.groupCode, g.groupCode),
            );
            const [old] = await tx.select().from(dipCaseAggregate).where(key).for("update");
            const same =
              old &&
              old.cases === g.cases &&
              numericToScaled(old.points) === numericToScaled(points) &&
              old.fundPrepaidFen === g.fundPrepaidFen &&
              old.dipFundFen === g.dipFundFen &&
              old.inpatientFundFen === g.inpatientFundFen;
            if (old && same) {
              rows.push(old);
              continue;
            }
            const values = {
              institutionId: inst.id,
              regionCode: inst.regionCode,
              poolingArea: inst.poolingArea,
              quarter: input.quarter,
              groupCode: g.groupCode,
              groupType: group.type,
              cases: g.cases,
              score: formatScaled(score4),
              coefficient: formatScaled(coefficient4),
              points,
              fundPrepaidFen: g.fundPrepaidFen,
              dipFundFen: g.dipFundFen,
              inpatientFundFen: g.inpatientFundFen,
              reportedBy: actor.sub,
              updatedAt: new Date(),
            };
            const [row] = await tx
              .insert(dipCaseAggregate)
              .values(values)
              .onConflictDoUpdate({
                target: [
                  dipCaseAggregate.institutionId,
                  dipCaseAggregate.quarter,
                  dipCaseAggregate.groupCode,
                ],
                set: values,
              })
              .returning();
            if (!row) throw new Error("upsert returned no row");
            const json = (r: {
              cases: number;
              points: string;
              fundPrepaidFen: bigint;
              dipFundFen: bigint;
              inpatientFundFen: bigint;
            }) => ({
              cases: r.cases,
              points: formatScaled(numericToScaled(r.points)),
              fundPrepaidFen: r.fundPrepaidFen.toString(),
              dipFundFen: r.dipFundFen.toString(),
              inpatientFundFen: r.inpatientFundFen.toString(),
            });
            await audit(
              tx,
              actor,
              "reportDipCases",
              `dip_case:${inst.id}:${input.quarter}:${g.groupCode}`,
              old ? json(old) : null,
              json(values),
            );
            rows.push(row);
            changed += 1;
          }
          return { rows, changed };
        });
        return { aggregates: result.rows.map(caseToGraphQL), changed: result.changed };
      },
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
        const year = requireYear(args.year);
        const given = args.deductions ? validateDeductions(args.deductions) : null;
        if (given?.problems.length) throw fail("invalid deductions", given.problems);
        const actor = actorOf(ctx);
        const outcome = await db.transaction(async (tx) => {
          const [old] = await tx
            .select()
            .from(dipSettlement)
            .where(and(eq(dipSettlement.poolingArea, pool), eq(dipSettlement.year, year)))
            .for("update");
          if (old?.status === "CLOSED") {
            throw badInput(`the DIP settlement of ${pool} for ${year} is closed; an admin must reopen it`, {
              problems: [{ field: "year", message: `${pool} ${year} is closed` }],
            });
          }
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
          const oldLines = old
            ? await tx.select().from(dipSettlementLine).where(eq(dipSettlementLine.settlementId, old.id))
            : [];
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
          await audit(tx, actor, "runDipSettlement", `dip_settlement:${pool}:${year}`, prev, next);
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
          const [old] = await tx
            .select()
            .from(dipSettlement)
            .where(and(eq(dipSettlement.poolingArea, pool), eq(dipSettlement.year, args.year)))
            .for("update");
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
          await audit(
            tx,
            actor,
            "closeDipSettlement",
            `dip_settlement:${pool}:${args.year}`,
            { status: "OPEN" },
            { status: "CLOSED" },
          );
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
          const [old] = await tx
            .select()
            .from(dipSettlement)
            .where(and(eq(dipSettlement.poolingArea, pool), eq(dipSettlement.year, args.year)))
            .for("update");
          if (old?.status !== "CLOSED") {
            throw fail("cannot reopen", [
              { field: "year", message: `the DIP settlement of ${pool} for ${args.year} is not closed` },
            ]);
          }
          await tx
            .update(dipSettlement)
            .set({ status: "OPEN", reopenedBy: actor.sub, reopenReason: reason })
            .where(eq(dipSettlement.id, old.id));
          await audit(
            tx,
            actor,
            "reopenDipSettlement",
            `dip_settlement:${pool}:${args.year}`,
            { status: "CLOSED" },
            { status: "OPEN", reason },
          );
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
        requireRegionInScope(ctx.principal, pool, "poolingArea");
        const c4 = parseDecimal(input.coefficient);
        if (c4 === null || c4 <= 0n || c4 >= 1_000_000n) {
          throw fail("invalid coefficient", [
            {
              field: "coefficient",
              message: `coefficient "${input.coefficient}" must be a decimal > 0 with at most 4 places`,
            },
          ]);
        }
        const actor = actorOf(ctx);
        const coefficient = formatScaled(c4);
        await db.transaction(async (tx) => {
          const key = and(
            eq(institutionCoefficient.poolingArea, pool),
            eq(institutionCoefficient.year, input.year),
            eq(institutionCoefficient.grade, input.grade),
          );
          const [old] = await tx.select().from(institutionCoefficient).where(key).for("update");
          if (old && numericToScaled(old.coefficient) === c4) return;
          const values = { poolingArea: pool, year: input.year, grade: input.grade, coefficient };
          await tx
            .insert(institutionCoefficient)
            .values(values)
            .onConflictDoUpdate({
              target: [
                institutionCoefficient.poolingArea,
                institutionCoefficient.year,
                institutionCoefficient.grade,
              ],
              set: values,
            });
          await audit(
            tx,
            actor,
            "setInstitutionCoefficient",
            `coefficient:${pool}:${input.year}:${input.grade}`,
            old ? { coefficient: old.coefficient } : null,
            { coefficient },
          );
        });
        return { poolingArea: pool, year: input.year, grade: input.grade, coefficient };
      },
      setGlobalBudget: async (
        _: unknown,
        {
          input,
        }: {
          input: {
            kind: GlobalBudgetRow["kind"];
            poolingArea: string;
            key: string;
            regionCode?: string | null;
            name: string;
            year: number;
            budgetYuan: string;
            surplusRetainedShare: string;
            overspendSharedShare: string;
          };
        },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "approver");
        const pool = requirePool(input.poolingArea);
        requireRegionInScope(ctx.principal, pool, "poolingArea");
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
          if (v === null || v > SHARE_SCALE) {
            problems.push({
              field: name,
              message: `${name} must be a decimal between 0 and 1 (at most 4 places)`,
            });
          }
        }
        if (!input.name.trim()) problems.push({ field: "name", message: "name is required" });
        let regionCode = pool;
        if (input.kind === "POOL" && input.key !== pool) {
          problems.push({ field: "key", message: `a POOL budget's key is its pooling area (${pool})` });
        }
        if (input.kind === "ALLIANCE") {
          if (
            !input.regionCode ||
            poolingAreaOf(requireKnownRegion(input.regionCode, "regionCode").code) !== pool
          ) {
            problems.push({
              field: "regionCode",
              message: `an ALLIANCE budget needs its county within ${pool}`,
            });
          } else regionCode = input.regionCode;
        }
        if (problems.length) throw fail("invalid global budget", problems);
        requireYear(input.year);
        if (input.kind === "INSTITUTION") {
          const inst = await institutionInfo(input.key, ctx, "key");
          if (inst.poolingArea !== pool) {
            throw fail("invalid global budget", [
              {
                field: "key",
                message: `${inst.id} belongs to pooling area ${inst.poolingArea}, not ${pool}`,
              },
            ]);
          }
          regionCode = inst.regionCode;
        }
        const actor = actorOf(ctx);
        const values = {
          kind: input.kind,
          poolingArea: pool,
          regionCode,
          key: input.key,
          name: input.name.trim(),
          year: input.year,
          budgetFen: budgetFen as bigint,
          surplusRetainedShare: formatScaled(shares.surplusRetainedShare as bigint),
          overspendSharedShare: formatScaled(shares.overspendSharedShare as bigint),
          updatedBy: actor.sub,
          updatedAt: new Date(),
        };
        const json = (b: typeof values | GlobalBudgetRow) => ({
          name: b.name,
          regionCode: b.regionCode,
          budgetFen: b.budgetFen.toString(),
          surplusRetainedShare: formatScaled(numericToScaled(b.surplusRetainedShare)),
          overspendSharedShare: formatScaled(numericToScaled(b.overspendSharedShare)),
        });
        const changed = await db.transaction(async (tx) => {
          if (input.kind === "POOL") await refuseClosed(tx, pool, input.year, "year");
          const key = and(
            eq(globalBudget.kind, input.kind),
            eq(globalBudget.key, input.key),
            eq(globalBudget.year, input.year),
          );
          const [old] = await tx.select().from(globalBudget).where(key).for("update");
          if (old && JSON.stringify(json(old)) === JSON.stringify(json(values))) return false;
          await tx
            .insert(globalBudget)
            .values(values)
            .onConflictDoUpdate({
              target: [globalBudget.kind, globalBudget.key, globalBudget.year],
              set: values,
            });
          await audit(
            tx,
            actor,
            "setGlobalBudget",
            `budget:${input.kind}:${input.key}:${input.year}`,
            old ? json(old) : null,
            json(values),
          );
          return true;
        });
        const [row] = await listBudgets(db, pool, input.year, regionCode).then((list) =>
          list.filter((x) => x.budget.kind === input.kind && x.budget.key === input.key),
        );
        if (!row) throw new Error("budget not found after write");
        return { budget: budgetToGraphQL(row.budget, row.spend), changed };
      },
      reportBudgetSpend: async (
        _: unknown,
        {
          input,
        }: { input: { kind: GlobalBudgetRow["kind"]; key: string; quarter: string; spentYuan: string } },
        ctx: SubgraphContext,
      ) => {
        requireRole(ctx.principal, "reporter");
        const problems: Problem[] = [];
        const current = currentQuarter(now());
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
        const year = yearOf(input.quarter);
        const [budget] = await db
          .select()
          .from(globalBudget)
          .where(
            and(
              eq(globalBudget.kind, input.kind),
              eq(globalBudget.key, input.key),
              eq(globalBudget.year, year),
            ),
          );
        if (!budget)
          problems.push({ field: "key", message: `no ${input.kind} budget "${input.key}" for ${year}` });
        if (problems.length || !budget || spentFen === null) throw fail("invalid budget spend", problems);
        requireRegionInScope(ctx.principal, budget.regionCode, "key");
        const actor = actorOf(ctx);
        const changed = await db.transaction(async (tx) => {
          const key = and(
            eq(globalBudgetSpend.budgetId, budget.id),
            eq(globalBudgetSpend.quarter, input.quarter),
          );
          const [old] = await tx.select().from(globalBudgetSpend).where(key).for("update");
          if (old && old.spentFen === spentFen) return false;
          const values = {
            budgetId: budget.id,
            quarter: input.quarter,
            spentFen,
            reportedBy: actor.sub,
            updatedAt: new Date(),
          };
          await tx
            .insert(globalBudgetSpend)
            .values(values)
            .onConflictDoUpdate({
              target: [globalBudgetSpend.budgetId, globalBudgetSpend.quarter],
              set: values,
            });
          await audit(
            tx,
            actor,
            "reportBudgetSpend",
            `budget_spend:${budget.id}:${input.quarter}`,
            old ? { spentFen: old.spentFen.toString() } : null,
            { spentFen: spentFen.toString() },
          );
          return true;
        });
        const [row] = (await listBudgets(db, budget.poolingArea, year, budget.regionCode)).filter(
          (x) => x.budget.id === budget.id,
        );
        if (!row) throw new Error("budget not found after write");
        return { budget: budgetToGraphQL(row.budget, row.spend), changed };
      },
    },
  };
}
