import type { Database } from "@hsa/db";
import {
  type ColumnSpec,
  createWorkflow,
  type ImportKind,
  type ImportRow,
  importRoutes,
  keyOf,
  reportedKeysIn,
  reportingSharedSDL,
  type Tx,
  type Workflow,
  type WriteCounts,
  workflowResolvers,
  workflowSDL,
} from "@hsa/reporting";
import { and, eq, inArray, or, sql } from "drizzle-orm";
import { type Figures, figuresJson, figuresOf, sameFigures } from "./db/queries";
import { auditLog, quarterlyReport, reportEvent, reportImport, reportState } from "./db/schema";

export function enrollmentWorkflow(db: Database): Workflow {
  return createWorkflow({
    domain: "enrollment",
    db,
    tables: { reportState, reportEvent, reportImport },
    reportedKeys: reportedKeysIn({
      table: quarterlyReport,
      regionCode: quarterlyReport.regionCode,
      quarter: quarterlyReport.quarter,
    }),
  });
}

const count = (key: string, zh: string, help: string, aliases: string[] = []): ColumnSpec => ({
  key,
  zh,
  type: { kind: "int" },
  help,
  aliases,
});

/** The documented CSV layout of enrollment figures (one row per county and quarter). */
export const enrollmentColumns: readonly ColumnSpec[] = [
  {
    key: "regionCode",
    zh: "行政区划代码",
    aliases: ["region_code", "county_code", "区划代码"],
    type: { kind: "region" },
    help: "county-level code (GB/T 2260), e.g. 150724",
  },
  {
    key: "regionName",
    zh: "行政区划名称",
    aliases: ["region_name", "county", "地区"],
    type: { kind: "text", maxLength: 100 },
    optional: true,
    help: "name, for people reading the file (not checked)",
  },
  {
    key: "quarter",
    zh: "季度",
    aliases: ["period"],
    type: { kind: "quarter" },
    help: "YYYYQn, e.g. 2024Q1",
  },
  count("insuredEmployee", "职工医保参保人数", "insured persons, employee scheme (end of quarter)", [
    "insured_employee",
  ]),
  count("insuredResident", "居民医保参保人数", "insured persons, resident scheme (end of quarter)", [
    "insured_resident",
  ]),
  count("registeredPopulation", "户籍人口", "registered population (end of quarter)", [
    "registered_population",
  ]),
  count("evoucherActivated", "医保电子凭证激活人数", "activated e-vouchers (end of quarter)", [
    "evoucher_activated",
  ]),
  count("settlementsTotal", "结算笔数", "all settlements in the quarter", ["settlements_total"]),
  count(
    "settlementsEvoucher",
    "医保电子凭证结算笔数",
    "settlements paid with the e-voucher (≤ all settlements)",
    ["settlements_evoucher"],
  ),
  count("remoteRegistrations", "异地就医备案人次", "registered remote-care cases in the quarter", [
    "remote_registrations",
  ]),
  count("remoteHospitalisations", "统筹区外住院人次", "hospitalisations outside the pooling region", [
    "remote_hospitalisations",
  ]),
  count("subsidisedPersons", "资助参保人数", "persons whose contribution was subsidised", [
    "subsidised_persons",
  ]),
  {
    key: "subsidyAmountYuan",
    zh: "资助参保金额（元）",
    aliases: ["subsidy_amount_yuan", "资助参保金额"],
    type: { kind: "yuan" },
    help: "subsidy paid, yuan with at most two decimals",
  },
];

const BATCH = 1_000;

/** Writes imported reports: only new or changed ones, each with an audit row (old → new, source). */
async function writeReports(
  tx: Tx,
  rows: readonly ImportRow<Figures>[],
  actor: { sub: string; name: string; source: string },
  progress: (done: number) => void,
): Promise<WriteCounts> {
  const t = quarterlyReport;
  const counts = { inserted: 0, updated: 0, unchanged: 0 };
  for (let i = 0; i < rows.length; i += BATCH) {
    const batch = rows.slice(i, i + BATCH).map((r) => r.fact);
    const byQuarter = new Map<string, string[]>();
    for (const f of batch) byQuarter.set(f.quarter, [...(byQuarter.get(f.quarter) ?? []), f.regionCode]);
    const existing = await tx
      .select()
      .from(t)
      .where(or(...[...byQuarter].map(([q, codes]) => and(eq(t.quarter, q), inArray(t.regionCode, codes)))))
      .for("update");
    const stored = new Map(existing.map((r) => [keyOf(r), figuresOf(r)]));
    const changed: Figures[] = [];
    const audits: (typeof auditLog.$inferInsert)[] = [];
    for (const f of batch) {
      const old = stored.get(keyOf(f));
      if (old && sameFigures(old, f)) {
        counts.unchanged++;
        continue;
      }
      if (old) counts.updated++;
      else counts.inserted++;
      changed.push(f);
      audits.push({
        actorSub: actor.sub,
        actorName: actor.name,
        action: "importEnrollment",
        source: actor.source,
        regionCode: f.regionCode,
        quarter: f.quarter,
        oldValue: old ? figuresJson(old) : null,
        newValue: figuresJson(f),
      });
    }
    if (changed.length) {
      const now = new Date();
      const values = changed.map((f) => ({ ...f, reportedBy: actor.sub, updatedAt: now }));
      const excluded = (col: string) => sql.raw(`excluded.${col}`);
      await tx
        .insert(t)
        .values(values)
        .onConflictDoUpdate({
          target: [t.regionCode, t.quarter],
          set: {
            insuredEmployee: excluded("insured_employee"),
            insuredResident: excluded("insured_resident"),
            registeredPopulation: excluded("registered_population"),
            evoucherActivated: excluded("evoucher_activated"),
            settlementsTotal: excluded("settlements_total"),
            settlementsEvoucher: excluded("settlements_evoucher"),
            remoteRegistrations: excluded("remote_registrations"),
            remoteHospitalisations: excluded("remote_hospitalisations"),
            subsidisedPersons: excluded("subsidised_persons"),
            subsidyAmountFen: excluded("subsidy_amount_fen"),
            reportedBy: excluded("reported_by"),
            updatedAt: excluded("updated_at"),
          },
        });
      await tx.insert(auditLog).values(audits);
    }
    progress(Math.min(i + BATCH, rows.length));
  }
  return counts;
}

/** CSV import of enrollment figures: POST /import/enrollment, `npm run import -- enrollment <file>`. */
export const enrollmentImport: ImportKind<Figures> = {
  kind: "enrollment",
  title: { zh: "参保数据（县级季度报表）", en: "Enrollment figures (county quarterly report)" },
  columns: enrollmentColumns,
  toFact(v) {
    const fact: Figures = {
      regionCode: v.regionCode as string,
      quarter: v.quarter as string,
      insuredEmployee: v.insuredEmployee as number,
      insuredResident: v.insuredResident as number,
      registeredPopulation: v.registeredPopulation as number,
      evoucherActivated: v.evoucherActivated as number,
      settlementsTotal: v.settlementsTotal as number,
      settlementsEvoucher: v.settlementsEvoucher as number,
      remoteRegistrations: v.remoteRegistrations as number,
      remoteHospitalisations: v.remoteHospitalisations as number,
      subsidisedPersons: v.subsidisedPersons as number,
      subsidyAmountFen: v.subsidyAmountYuan as bigint,
    };
    if (fact.settlementsEvoucher > fact.settlementsTotal) {
      return {
        problems: [
          {
            column: "医保电子凭证结算笔数",
            reason: `医保电子凭证结算笔数 (${fact.settlementsEvoucher}) 不能大于结算笔数 (${fact.settlementsTotal}) / e-voucher settlements exceed all settlements`,
          },
        ],
      };
    }
    return { fact, report: { regionCode: fact.regionCode, quarter: fact.quarter }, key: keyOf(fact) };
  },
  write: writeReports,
};

/** Everything the reporting workflow adds to the enrollment subgraph. */
export function enrollmentReporting(db: Database) {
  const workflow = enrollmentWorkflow(db);
  return {
    workflow,
    resolvers: workflowResolvers(workflow),
    uploads: importRoutes(db, workflow, [enrollmentImport as never]),
  };
}

export const enrollmentReportingSDL = [reportingSharedSDL, workflowSDL("enrollment")];
