import { type Database, regionGroups, rowsOf } from "@hsa/db";
import type { Sums } from "@hsa/kpi";
import { type SQL, sql } from "drizzle-orm";
import type { PgColumn, PgTable } from "drizzle-orm/pg-core";
import type { FundSumName } from "../sums";
import { assistance, fundBalance, outpatientPooling, remoteSettlement } from "./schema";

type Parts = Partial<Record<FundSumName, SQL>>;
/** Σ of integer columns, as text (exact). */
const n = (...cols: PgColumn[]) => sql`sum(${sql.join(cols, sql` + `)})::text`;
/** Σ of fen columns in yuan, as text (exact: numeric). */
const y = (...cols: PgColumn[]) => sql`(sum(${sql.join(cols, sql` + `)})::numeric / 100)::text`;
/** the same, of the rows of one scheme only */
const ifScheme = (scheme: string, expr: SQL) => sql`case when scheme = ${scheme} then ${expr} else 0 end`;
const nScheme = (scheme: string, ...cols: PgColumn[]) =>
  sql`sum(${ifScheme(scheme, sql.join(cols, sql` + `))})::text`;
const yScheme = (scheme: string, ...cols: PgColumn[]) =>
  sql`(sum(${ifScheme(scheme, sql.join(cols, sql` + `))})::numeric / 100)::text`;

const b = fundBalance;
const r = remoteSettlement;
const o = outpatientPooling;
const a = assistance;

/**
 * Every fact table with the named sums (../sums) it provides per region × quarter, each an SQL
 * aggregate over the table's rows (aliased by its sum's name). A region × quarter without rows in
 * a table has none of its sums: its KPIs there are NO_DATA.
 */
export const SUMS_BY_TABLE: readonly { table: PgTable; region: PgColumn; quarter: PgColumn; sums: Parts }[] =
  [
    {
      table: b,
      region: b.regionCode,
      quarter: b.quarter,
      sums: {
        incomeYuan: y(b.incomeFen),
        expenditureYuan: y(b.expenditureFen),
        currentBalanceYuan: sql`(sum(${b.incomeFen} - ${b.expenditureFen})::numeric / 100)::text`,
        incomeEmployeeYuan: yScheme("EMPLOYEE", b.incomeFen),
        currentBalanceEmployeeYuan: sql`(sum(${ifScheme("EMPLOYEE", sql`${b.incomeFen} - ${b.expenditureFen}`)})::numeric / 100)::text`,
        incomeResidentYuan: yScheme("RESIDENT", b.incomeFen),
        currentBalanceResidentYuan: sql`(sum(${ifScheme("RESIDENT", sql`${b.incomeFen} - ${b.expenditureFen}`)})::numeric / 100)::text`,
        accumulatedBalanceYuan: y(b.accumulatedBalanceFen),
        monthlyExpenditureYuan: sql`(sum(${b.expenditureFen})::numeric / 300)::text`,
      },
    },
    {
      table: r,
      region: r.regionCode,
      quarter: r.quarter,
      sums: {
        remoteCasesEmployee: nScheme(
          "EMPLOYEE",
          r.inpatientWithinCases,
          r.inpatientCrossCases,
          r.chronicWithinCases,
          r.chronicCrossCases,
          r.outpatientWithinCases,
          r.outpatientCrossCases,
        ),
        remoteCasesResident: nScheme(
          "RESIDENT",
          r.inpatientWithinCases,
          r.inpatientCrossCases,
          r.chronicWithinCases,
          r.chronicCrossCases,
          r.outpatientWithinCases,
          r.outpatientCrossCases,
        ),
        remotePaidYuan: y(
          r.inpatientWithinFen,
          r.inpatientCrossFen,
          r.chronicWithinFen,
          r.chronicCrossFen,
          r.outpatientWithinFen,
          r.outpatientCrossFen,
        ),
        remoteInpatientCasesEmployee: nScheme("EMPLOYEE", r.inpatientWithinCases, r.inpatientCrossCases),
        remoteInpatientPaidEmployeeYuan: yScheme("EMPLOYEE", r.inpatientWithinFen, r.inpatientCrossFen),
        remoteInpatientCasesResident: nScheme("RESIDENT", r.inpatientWithinCases, r.inpatientCrossCases),
        remoteInpatientPaidResidentYuan: yScheme("RESIDENT", r.inpatientWithinFen, r.inpatientCrossFen),
        remoteChronicCasesEmployee: nScheme("EMPLOYEE", r.chronicWithinCases, r.chronicCrossCases),
        remoteChronicPaidEmployeeYuan: yScheme("EMPLOYEE", r.chronicWithinFen, r.chronicCrossFen),
        remoteChronicCasesResident: nScheme("RESIDENT", r.chronicWithinCases, r.chronicCrossCases),
        remoteChronicPaidResidentYuan: yScheme("RESIDENT", r.chronicWithinFen, r.chronicCrossFen),
        remoteCrossCases: n(r.inpatientCrossCases, r.chronicCrossCases, r.outpatientCrossCases),
        remoteCases: n(
          r.inpatientWithinCases,
          r.inpatientCrossCases,
          r.chronicWithinCases,
          r.chronicCrossCases,
          r.outpatientWithinCases,
          r.outpatientCrossCases,
        ),
        remoteCrossOutpatientCases: n(r.outpatientCrossCases),
        remoteCrossOutpatientPaidYuan: y(r.outpatientCrossFen),
      },
    },
    {
      table: o,
      region: o.regionCode,
      quarter: o.quarter,
      sums: {
        outpatientPersons: n(o.personsYtd),
        outpatientVisits: n(o.visits),
        outpatientTotalCostYuan: y(o.totalCostFen),
        outpatientInScopeCostYuan: y(o.inScopeCostFen),
        outpatientFundPaidYuan: y(o.fundPaidFen),
        pharmacyVisits: n(o.pharmacyVisits),
        pharmacyTotalCostYuan: y(o.pharmacyTotalCostFen),
        pharmacyInScopeCostYuan: y(o.pharmacyInScopeCostFen),
        pharmacyFundPaidYuan: y(o.pharmacyFundPaidFen),
        institutionVisits: n(o.institutionVisits),
        institutionTotalCostYuan: y(o.institutionTotalCostFen),
        institutionInScopeCostYuan: y(o.institutionInScopeCostFen),
        institutionFundPaidYuan: y(o.institutionFundPaidFen),
      },
    },
    {
      table: a,
      region: a.regionCode,
      quarter: a.quarter,
      sums: {
        subsidisedPersons: n(a.subsidisedPersons),
        subsidyYuan: y(a.subsidyFen),
        outpatientAssistanceCases: n(a.outpatientAssistanceCases),
        outpatientAssistanceYuan: y(a.outpatientAssistanceFen),
        inpatientAssistanceCases: n(a.inpatientAssistanceCases),
        inpatientAssistanceYuan: y(a.inpatientAssistanceFen),
        twoDiseaseApproved: n(a.twoDiseaseApproved),
        twoDiseaseSettlements: n(a.twoDiseaseSettlements),
        twoDiseaseFundPaidYuan: y(a.twoDiseaseFundPaidFen),
      },
    },
  ];

type ByQuarter = Map<string, Partial<Sums<FundSumName>>>;

/**
 * Per-quarter sums over the reporting units of each region in `codes`, for quarters in [from, to]:
 * one statement per fact table that provides a wanted sum (a region and all its children at once).
 */
export async function sumsByQuarterMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
  wanted?: ReadonlySet<FundSumName>,
): Promise<Map<string, ByQuarter>> {
  const g = regionGroups(codes);
  const out = new Map<string, ByQuarter>(g.codes.map((c) => [c, new Map()]));
  await Promise.all(
    SUMS_BY_TABLE.map(async (t) => {
      const entries = Object.entries(t.sums).filter(
        ([name]) => !wanted || wanted.has(name as FundSumName),
      ) as [FundSumName, SQL][];
      if (!entries.length) return;
      const columns = sql.join(
        entries.map(([name, expr]) => sql`${expr} as ${sql.identifier(name)}`),
        sql`, `,
      );
      const result = await db.execute(sql`
        select ${g.code} as code, ${t.quarter} as quarter, ${columns}
        from ${t.table} join ${g.table} on ${g.on(t.region)}
        where ${t.quarter} between ${from} and ${to}
        group by 1, 2`);
      for (const row of rowsOf<Record<string, string | null>>(result)) {
        const byQuarter = out.get(String(row.code));
        if (!byQuarter) continue;
        const q = String(row.quarter);
        const sums = { ...byQuarter.get(q) } as Record<FundSumName, number>;
        for (const [name] of entries) sums[name] = row[name] === null ? 0 : Number(row[name]);
        byQuarter.set(q, sums);
      }
    }),
  );
  return out;
}

/**
 * The average monthly expenditure of each region over [from, to], counted again over the range:
 * Σ expenditure / (3 × quarters in the range).
 */
export async function monthlyExpenditureOver(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
  quarters: number,
): Promise<Map<string, number>> {
  const g = regionGroups(codes);
  const result = await db.execute(sql`
    select ${g.code} as code, (sum(${b.expenditureFen})::numeric / ${sql.raw(String(300 * quarters))})::text as v
    from ${b} join ${g.table} on ${g.on(b.regionCode)}
    where ${b.quarter} between ${from} and ${to}
    group by 1`);
  const out = new Map<string, number>();
  for (const row of rowsOf<{ code: string; v: string | null }>(result))
    out.set(String(row.code), Number(row.v ?? 0));
  return out;
}
