// The files of a new subgraph (`npm run new-subgraph`), modelled on apps/enrollment: one reported
// fact declared with defineFact (a county's quarterly figures: achieved / planned) and one KPI
// declared with defineMetric (completion = Σachieved / Σplanned), with the reporting workflow
// (submit / approve / reopen), audit, CSV import and an access-matrix entry. A developer renames
// the fields and adds facts and KPIs from here.

export type { TemplateNames };

import { pascal, readme, schemaFile, type TemplateNames, testFiles } from "./new-subgraph-template-docs";

/** Relative path → content of every file the scaffold writes into apps/<name>/. */
export function subgraphFiles(t: TemplateNames): Record<string, string> {
  const n = t.name;
  const P = pascal(n);
  return {
    "package.json": `${JSON.stringify(
      {
        name: `@hsa/${n}`,
        version: "0.1.0",
        private: true,
        type: "module",
        description: `${n} subgraph (${t.zh} / ${t.en})`,
        exports: { ".": "./src/index.ts" },
        scripts: {
          typecheck: "tsc --noEmit -p .",
          test: "vitest run",
          start: "tsx src/main.ts",
          "db:generate": "drizzle-kit generate",
          lint: "biome check .",
        },
        dependencies: {
          "@hsa/db": "workspace:*",
          "@hsa/kpi": "workspace:*",
          "@hsa/regions": "workspace:*",
          "@hsa/reporting": "workspace:*",
          "@hsa/subgraph-kit": "workspace:*",
          "drizzle-orm": "catalog:",
          graphql: "catalog:",
        },
        devDependencies: { "drizzle-kit": "catalog:" },
      },
      null,
      2,
    )}\n`,
    "tsconfig.json": `{
  "extends": "../../tsconfig.base.json",
  "include": ["src", "test", "*.ts"]
}
`,
    "vitest.config.ts": `import { defineConfig } from "vitest/config";

export default defineConfig({
  test: { name: "${n}", include: ["test/**/*.test.ts"], env: { LOG_LEVEL: "silent" } },
});
`,
    "drizzle.config.ts": `import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./drizzle",
  schemaFilter: ["${n}"],
});
`,
    "src/db/schema.ts": `import { auditTable, reportingTables } from "@hsa/reporting/tables";
import { sql } from "drizzle-orm";
import { check, index, integer, pgSchema, primaryKey, text, timestamp, varchar } from "drizzle-orm/pg-core";

/** Everything of this subgraph lives in its own PostgreSQL schema. */
export const ${n} = pgSchema("${n}");

/** One county's (reporting unit's) figures for one quarter: what was achieved of what was planned. */
export const quarterlyReport = ${n}.table(
  "quarterly_report",
  {
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    achieved: integer("achieved").notNull(),
    planned: integer("planned").notNull(),
    reportedBy: text("reported_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.regionCode, t.quarter] }),
    index("quarterly_report_quarter_idx").on(t.quarter, t.regionCode),
    check("quarterly_report_non_negative", sql\`least(\${t.achieved}, \${t.planned}) >= 0\`),
  ],
);

export type QuarterlyReportRow = typeof quarterlyReport.$inferSelect;

/** The reporting workflow (approval state per county and quarter, its history, imports): @hsa/reporting. */
export const { reportState, reportEvent, reportImport } = reportingTables(${n});

/** Who changed which figure when (old → new): the one audit shape of @hsa/reporting. */
export const auditEvent = auditTable(${n});
`,
    "src/fact.ts": `import { defineFact, field } from "@hsa/reporting";
import { type QuarterlyReportRow, quarterlyReport } from "./db/schema";

export function reportToGraphQL(row: QuarterlyReportRow) {
  return { ...row, updatedAt: row.updatedAt.toISOString() };
}

/**
 * One county's ${t.en} figures for one quarter: report${P} and the CSV import
 * (POST /import/${n}, \`npm run import -- ${n} <file>\`), declared once.
 */
export const ${n}Fact = defineFact({
  kind: "${n}",
  noun: "${n} report",
  title: { zh: ${JSON.stringify(`${t.zh}（县级季度报表）`)}, en: ${JSON.stringify(`${t.en} (county quarterly report)`)} },
  table: quarterlyReport,
  fields: {
    regionCode: field.region({
      zh: "行政区划代码",
      aliases: ["region_code", "区划代码"],
      help: "county-level code (GB/T 2260), e.g. 150724",
      doc: "县级区划代码（六位，上报单位），如 150724；须在你的权限范围内。County-level region code (a reporting unit), e.g. 150724; must be in your scope.",
    }),
    regionName: field.text({
      zh: "行政区划名称",
      aliases: ["region_name", "地区"],
      maxLength: 100,
      optional: true,
      csvOnly: true,
      help: "name, for people reading the file (not checked)",
    }),
    quarter: field.quarter({
      zh: "季度",
      aliases: ["period"],
      help: "YYYYQn, e.g. 2024Q1",
      doc: "季度，如 2024Q1。Quarter, e.g. 2024Q1.",
    }),
    achieved: field.count({
      zh: "完成数",
      aliases: ["achieved"],
      unit: "count",
      help: "achieved in the quarter (≤ planned)",
      doc: "季度内完成数（不超过计划数）。Achieved within the quarter (at most planned).",
    }),
    planned: field.count({
      zh: "计划数",
      aliases: ["planned"],
      unit: "count",
      help: "planned for the quarter",
      doc: "季度计划数。Planned for the quarter.",
    }),
  },
  key: ["regionCode", "quarter"],
  region: "regionCode",
  quarter: "quarter",
  rules: [
    {
      uses: ["achieved", "planned"],
      field: "achieved",
      holds: (f) => (f.achieved as number) <= (f.planned as number),
      message: (f) => ({
        zh: \`完成数 (\${f.achieved}) 不能大于计划数 (\${f.planned})\`,
        en: \`achieved (\${f.achieved}) cannot exceed planned (\${f.planned})\`,
      }),
    },
  ],
  stamp: (actor, now) => ({ reportedBy: actor.sub, updatedAt: now }),
  // audited in audit_event (the default): every stored value, old → new
  mutation: {
    name: "report${P}",
    inputType: "${P}ReportInput",
    inputDoc: ${JSON.stringify(`某县某季度的${t.zh}上报数据（全部字段必填）。One county's ${t.en} figures for one quarter (every field required).`)},
    doc: ${JSON.stringify(
      `上报某县某季度的${t.zh}数据（需 reporter 角色，县在权限范围内；已审核的上报须先退回）。幂等；数据变更记入审计。Reports one county's ${t.en} figures for one quarter (role reporter, county in scope). Idempotent; changes are audited (old → new).`,
    )},
    argDoc: "上报的数据。The figures reported.",
    payloadType: "Report${P}Payload",
    payload: (row, changed) => ({ report: reportToGraphQL(row as QuarterlyReportRow), changed }),
  },
  import: { action: "import${P}" },
});
`,
    "src/metrics.ts": `import { defineMetricCatalogue, defineSummarySource } from "@hsa/kpi";

/** The named sums of ${n}, per region × quarter over the counties' quarterly reports (db/rollup.ts). */
export const ${n}Sums = defineSummarySource({
  domain: "${n}",
  rows: "${n}.quarterly_report",
  sums: {
    reports: { aggregation: "FLOW", additive: true, unit: "reports", en: "Quarterly reports received" },
    achieved: { aggregation: "FLOW", additive: true, unit: "cases", en: "Achieved" },
    planned: { aggregation: "FLOW", additive: true, unit: "cases", en: "Planned" },
  },
});

export type ${P}SumName = keyof typeof ${n}Sums.sums;

/** The ${n} KPI catalogue, each KPI declared on the named sums above (rates as Σ/Σ). */
export const ${n} = defineMetricCatalogue(${n}Sums, [
  {
    id: "${n}.completion",
    domain: "${n}",
    nameZh: ${JSON.stringify(`${t.zh}完成率`)},
    nameEn: ${JSON.stringify(`${t.en} completion`)},
    unit: "%",
    numeratorZh: "完成数",
    numeratorEn: "Achieved",
    denominatorZh: "计划数",
    denominatorEn: "Planned",
    aggregation: "FLOW",
    target: 90,
    higherIsBetter: true,
    direction: "UP",
    targetRule: "AT_LEAST",
    maximum: 100,
    numeratorSums: ["achieved"],
    denominatorSums: ["planned"],
    valueKind: "ratio",
  },
] as const);

export const ${n}Metrics = ${n}.metrics;
`,
    "src/db/rollup.ts": `import { type Database, regionGroups, rowsOf } from "@hsa/db";
import { readSums, type Sums } from "@hsa/kpi";
import { sql } from "drizzle-orm";
import { type ${P}SumName, ${n}Sums } from "../metrics";
import { quarterlyReport } from "./schema";

/** Per-quarter named sums (../metrics) over the counties of each region in \`codes\`, in one statement. */
export async function sumsByQuarterMany(
  db: Database,
  codes: readonly string[],
  from: string,
  to: string,
): Promise<Map<string, Map<string, Sums<${P}SumName>>>> {
  const t = quarterlyReport;
  const g = regionGroups(codes);
  const result = await db.execute(sql\`
    select \${g.code} as code, \${t.quarter} as quarter,
      count(*)::text as "reports",
      sum(\${t.achieved})::text as "achieved",
      sum(\${t.planned})::text as "planned"
    from \${t} join \${g.table} on \${g.on(t.regionCode)}
    where \${t.quarter} between \${from} and \${to}
    group by 1, 2\`);
  const out = new Map<string, Map<string, Sums<${P}SumName>>>(g.codes.map((c) => [c, new Map()]));
  for (const r of rowsOf<Record<string, string>>(result)) {
    out.get(String(r.code))?.set(String(r.quarter), readSums(${n}Sums, r));
  }
  return out;
}
`,
    "src/db/queries.ts": `import type { Database } from "@hsa/db";
import { and, eq } from "drizzle-orm";
import { type QuarterlyReportRow, quarterlyReport } from "./schema";

export async function getReport(db: Database, regionCode: string, quarter: string): Promise<QuarterlyReportRow | null> {
  const rows = await db
    .select()
    .from(quarterlyReport)
    .where(and(eq(quarterlyReport.regionCode, regionCode), eq(quarterlyReport.quarter, quarter)));
  return rows[0] ?? null;
}
`,
    "src/reporting.ts": `import { defineReporting } from "@hsa/reporting";
import { quarterlyReport, reportEvent, reportImport, reportState } from "./db/schema";
import { ${n}Fact } from "./fact";

/** Everything the reporting workflow adds: submit / approve / reopen, the mutation and the CSV import. */
export const ${n}Reporting = defineReporting({
  domain: "${n}",
  tables: { reportState, reportEvent, reportImport },
  reported: [quarterlyReport],
  facts: [${n}Fact],
});
`,
    "src/resolvers.ts": `import type { Database } from "@hsa/db";
import { withTargetOverrides } from "@hsa/kpi";
import { auditHistory, completenessMetrics, type Workflow } from "@hsa/reporting";
import {
  kpiResolver,
  metricsForGraphQL,
  requireRegionInScope,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import { getReport } from "./db/queries";
import { sumsByQuarterMany } from "./db/rollup";
import { reportToGraphQL, ${n}Fact } from "./fact";
import type { Resolvers } from "./generated/resolvers";
import { ${n}Metrics, ${n}Sums } from "./metrics";

export function createResolvers(db: Database, workflow: Workflow, env: NodeJS.ProcessEnv = process.env): Resolvers {
  // Targets are configurable per KPI (HSA_KPI_TARGETS); the reporting completeness KPIs complete the catalogue.
  const catalogue = withTargetOverrides(
    [...${n}Metrics, ...completenessMetrics("${n}", workflow.deadlineDays)],
    env.HSA_KPI_TARGETS,
  );
  return {
    Query: {
      ${n}Metrics: () => metricsForGraphQL(catalogue),
      ${n}Report: async (_: unknown, args: { regionCode: string; quarter: string }, ctx: SubgraphContext) => {
        requireRegionInScope(ctx.principal, args.regionCode, "regionCode");
        const row = await getReport(db, args.regionCode, args.quarter);
        return row ? reportToGraphQL(row) : null;
      },
      ${n}Audit: async (_: unknown, args: { regionCode: string; quarter?: string | null }, ctx: SubgraphContext) => {
        requireRegionInScope(ctx.principal, args.regionCode, "regionCode");
        const entries = await auditHistory(db, { facts: [${n}Fact], regionCode: args.regionCode, quarter: args.quarter ?? null });
        // a report's key is its county and quarter: every entry names both
        return entries.map((e) => ({ ...e, regionCode: e.regionCode as string, quarter: e.quarter as string }));
      },
    },
    Region: {
      ${n}Kpis: kpiResolver({
        catalogue,
        source: ${n}Sums,
        // every region asked for at once (the kit batches a region with its children): one statement
        loadSums: (_ctx, codes, req) => sumsByQuarterMany(db, codes, req.readFrom, req.to),
        observations: workflow,
      }),
    },
  };
}
`,
    "src/server.ts": `import { defineSubgraph } from "@hsa/subgraph-kit";
import { ${n}Reporting as reporting } from "./reporting";
import { createResolvers } from "./resolvers";

/** The ${n} subgraph: its SDL, migrations and resolvers, declared once. */
const subgraph = defineSubgraph({
  name: "${n}",
  defaultPort: ${t.port},
  url: import.meta.url,
  ...reporting.subgraph((db, workflow) => createResolvers(db, workflow)),
});

/** The ${n} subgraph as \`npm start\` (through the registry), tests and benchmarks see it. */
export const { migrationsFolder, module: ${n}Module } = subgraph;
`,
    "src/index.ts": `export * as schema from "./db/schema";
export { ${n}Fact } from "./fact";
export { ${n}, ${n}Metrics, ${n}Sums } from "./metrics";
export * from "./server";
`,
    "src/main.ts": `// Runs the ${n} subgraph alone (its own process and database connection).
import { runStandalone } from "@hsa/subgraph-kit";
import { ${n}Module } from "./server";

await runStandalone(${n}Module);
`,
    "src/schema.graphql": schemaFile(t),
    ...testFiles(t),
    "README.md": readme(t),
  };
}
