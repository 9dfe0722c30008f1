// The scaffold's SDL, tests and README (see ./new-subgraph-template.ts for its code files).

export interface TemplateNames {
  /** federation name, PostgreSQL schema, folder and import kind, e.g. "drills" */
  name: string;
  /** Chinese and English names of the domain */
  zh: string;
  en: string;
  /** default port */
  port: number;
}

export const pascal = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** src/schema.graphql: what the subgraph owns (shared types and the workflow come from the kits). */
export function schemaFile(t: TemplateNames): string {
  const n = t.name;
  const P = pascal(n);
  return `# ${t.en} subgraph (${t.zh}). Shared parts (Quarter, Region, Metric, KpiValue, KpiSeries,
# Query.region/regions, Query.domains) are added by @hsa/subgraph-kit; the mutation report${P}, its
# input and the workflow fields by @hsa/reporting (src/fact.ts, src/reporting.ts).
# Every description: Chinese first, then English.

extend type Region @key(fields: "code") {
  """
  本区域在季度区间内的${t.zh}指标，由所辖县级数据汇总（率 = Σ分子 / Σ分母）。超出你的权限范围时返回 FORBIDDEN。
  ${t.en} KPIs of this region over a quarter range, rolled up from its counties (rates as Σnumerator / Σdenominator). FORBIDDEN outside your scope.
  """
  ${n}Kpis(
    "起始季度（含），如 2024Q1。First quarter of the range (inclusive), e.g. 2024Q1."
    from: Quarter!
    "结束季度（含），如 2024Q4。Last quarter of the range (inclusive), e.g. 2024Q4."
    to: Quarter!
    "只返回这些指标（${n}Metrics 中的编号）；默认全部。Only these metric ids; default: all."
    metrics: [ID!]
  ): [KpiSeries!]!
}

extend type Query {
  "${t.zh}领域的指标目录。The ${t.en} KPI catalogue."
  ${n}Metrics: [Metric!]!
  "某县某季度的${t.zh}上报；未收到时为 null。超出权限范围时返回 FORBIDDEN。One county's report for a quarter, or null. FORBIDDEN outside your scope."
  ${n}Report(
    "县级区划代码（六位），如 150724。County region code (six digits), e.g. 150724."
    regionCode: ID!
    "季度，如 2024Q1。Quarter, e.g. 2024Q1."
    quarter: Quarter!
  ): ${P}Report
  "某县${t.zh}上报的审计记录（最新在前，最多 200 条）。Audit history of a county's ${t.en} reports (newest first, at most 200)."
  ${n}Audit(
    "县级区划代码（六位）。County region code (six digits)."
    regionCode: ID!
    "只看该季度；省略时为全部季度。Only this quarter; default: every quarter."
    quarter: Quarter
  ): [${P}AuditEntry!]!
}

"某县某季度的${t.zh}数据。A county's ${t.en} figures for one quarter."
type ${P}Report {
  "县级区划代码（六位）。County region code (six digits)."
  regionCode: ID!
  "季度，如 2024Q1。Quarter, e.g. 2024Q1."
  quarter: Quarter!
  "完成数。Achieved."
  achieved: Int!
  "计划数。Planned."
  planned: Int!
  "最近一次上报人。Who reported these figures last."
  reportedBy: String!
  "最近更新时间（ISO）。Last update time (ISO)."
  updatedAt: String!
}

"${t.zh}上报结果。Result of report${P}."
type Report${P}Payload {
  "保存后的上报。The stored report."
  report: ${P}Report!
  "数据已相同、未写入时为 false。false when the same figures were already stored (nothing written)."
  changed: Boolean!
}

"${t.zh}上报的一条审计记录。One audit entry of a county's ${t.en} report."
type ${P}AuditEntry {
  "审计记录编号。Audit entry id."
  id: ID!
  "变更时间（ISO）。When the change was made (ISO time)."
  at: String!
  "操作人标识（令牌 sub）。Actor id (token sub)."
  actorSub: String!
  "操作人姓名。Actor name."
  actorName: String!
  "操作，如 report${P} 或 import${P}。Action, e.g. report${P} or import${P}."
  action: String!
  "县级区划代码（六位）。County region code (six digits)."
  regionCode: ID!
  "季度。Quarter."
  quarter: Quarter!
  "变更前数据（JSON）；新上报时为 null。JSON of the figures before the change (null when new)."
  oldValue: String
  "变更后数据（JSON）。JSON of the figures after the change."
  newValue: String!
  "变更来源：\\"mutation report${P}\\" 或 \\"import <importId> (<文件名>)\\"。Where the change came from."
  source: String
}
`;
}

export function testFiles(t: TemplateNames): Record<string, string> {
  const n = t.name;
  const P = pascal(n);
  return {
    [`test/${n}.test.ts`]: `import { describe, expect, it } from "vitest";
import { ${n}Fact, ${n}Metrics } from "../src";

const now = new Date("2026-11-23T12:00:00Z");
const good = { regionCode: "150724", quarter: "2024Q3", achieved: 9, planned: 10 };

describe("${n}: the declared fact and KPI", () => {
  it("accepts a plausible county report and lists every problem of a bad one", () => {
    expect(${n}Fact.validate(good, now)).toEqual([]);
    const fields = ${n}Fact.validate({ ...good, regionCode: "150700", achieved: 11, planned: -1 }, now).map((p) => p.field);
    expect(fields.sort()).toEqual(["planned", "regionCode"]);
    expect(${n}Fact.validate({ ...good, achieved: 11 }, now).map((p) => p.field)).toEqual(["achieved"]);
  });

  it("documents its CSV layout and declares its KPI on named sums", () => {
    expect(${n}Fact.columns.map((c) => c.key)).toEqual(["regionCode", "regionName", "quarter", "achieved", "planned"]);
    expect(${n}Metrics.map((m) => m.id)).toEqual(["${n}.completion"]);
  });
});
`,
    // The access matrix (tests/system/test/access-matrix.integration.test.ts) reads this file for
    // every registry subgraph that has one: each write of this subgraph, aimed at 鄂温克族自治旗's
    // existing data, must be refused for callers out of scope and change nothing.
    "test/access-matrix.ts": `// This subgraph's entries of the access matrix (tests/system/test/access-matrix.integration.test.ts):
// every Mutation field and CSV import kind it adds needs one, or the matrix fails.
interface Targets {
  county: string;
  quarter: string;
}
type Op = (t: Targets) => { query: string; variables: Record<string, unknown> };

const reread: Op = (t) => ({
  query: \`query R($county: ID!, $quarter: Quarter!) {
    ${n}Report(regionCode: $county, quarter: $quarter) { achieved planned updatedAt }
    ${n}Audit(regionCode: $county) { id }
    states: region(code: $county) { ${n}ReportStates(from: "2023Q1", to: "2024Q4") { quarter status submittedBy approvedBy reopenReason } }
    history: ${n}ReportHistory(regionCode: $county, quarter: $quarter) { id action actorSub }
  }\`,
  variables: { county: t.county, quarter: t.quarter },
});

const keyed = { keyedByRegion: "the report and its state are keyed by (regionCode, quarter): the row it changes is the county named" };
const transition = (verb: string, extra = ""): Op => (t) => ({
  query: \`mutation M($c: ID!, $q: Quarter!) { \${verb}${P}Report(regionCode: $c, quarter: $q\${extra}) { status } }\`,
  variables: { c: t.county, q: t.quarter },
});

export const MUTATION_CASES = {
  report${P}: {
    owner: "${n}",
    storedRow: keyed,
    write: (t: Targets) => ({
      query: \`mutation M($i: ${P}ReportInput!) { report${P}(input: $i) { changed } }\`,
      variables: { i: { regionCode: t.county, quarter: t.quarter, achieved: 1, planned: 2 } },
    }),
    reread,
  },
  submit${P}Report: { owner: "${n}", storedRow: keyed, write: transition("submit"), reread },
  approve${P}Report: { owner: "${n}", storedRow: keyed, write: transition("approve"), reread },
  reopen${P}Report: { owner: "${n}", storedRow: keyed, write: transition("reopen", ', reason: "matrix"'), reread },
};

export const IMPORT_CASES = {
  ${n}: {
    owner: "${n}",
    storedRow: keyed,
    csv: (t: Targets) => ["regionCode,regionName,quarter,achieved,planned", \`\${t.county},,\${t.quarter},1,2\`].join("\\n"),
    reread,
  },
};
`,
  };
}

export function readme(t: TemplateNames): string {
  const n = t.name;
  const P = pascal(n);
  const N = n.toUpperCase();
  return `# ${t.en} subgraph (${t.zh})

Written by \`npm run new-subgraph -- ${n}\`: one reported fact and one KPI, with the reporting
workflow, audit, approval lock and CSV import every subgraph has. Rename and extend from here.

- **Fact** (\`src/fact.ts\`, \`defineFact\`): one county's figures for one quarter — \`achieved\` and
  \`planned\` (achieved ≤ planned). From the declaration come the mutation \`report${P}(input)\`,
  the CSV import \`POST /import/${n}\` (\`npm run import -- ${n} <file.csv>\`; columns
  \`regionCode,regionName,quarter,achieved,planned\`, Chinese headers 行政区划代码, 行政区划名称, 季度, 完成数, 计划数),
  scope checks on the new values and the stored row, the approval lock (\`REPORT_APPROVED\`),
  idempotency and audit (\`${n}Audit(regionCode, quarter)\`).
- **KPI** (\`src/metrics.ts\`, \`defineMetric\`): \`${n}.completion\` = Σachieved / Σplanned (%, target ≥ 90),
  rolled up over regions and quarters by \`Region.${n}Kpis(from, to)\`; the catalogue is
  \`Query.${n}Metrics\`, with the reporting completeness KPIs added.
- **Workflow**: \`submit${P}Report\`, \`approve${P}Report\`, \`reopen${P}Report\`, \`${n}ReportHistory\`,
  \`Region.${n}ReportStates\` (\`@hsa/reporting\`).
- **Registry**: its one entry in \`supergraph.yaml\` (port ${t.port}, \`${N}_PORT\`, \`${N}_URL\`); nothing
  else outside this folder lists it. \`npm start\` loads it from this folder and composes it in;
  the dashboard learns it from \`Query.domains\`.
- **Access matrix**: \`test/access-matrix.ts\` holds the entries of its writes (the matrix fails on
  a write without one).

## Develop

\`\`\`sh
npm start                      # serves it with the others (http://127.0.0.1:${t.port}/graphql)
npm run compose                # after a schema change: its subgraph.graphql (+ the committed supergraph)
npm run codegen                # its resolver types (src/generated/resolvers.ts)
cd apps/${n} && npx vitest run # its tests
\`\`\`

Its database schema \`${n}\` is created by \`drizzle/0000_init.sql\` (drizzle-kit); after changing
\`src/db/schema.ts\`, \`npm run db:generate\` writes the next migration.

**Before committing**: the scaffold links this package's workspace dependencies into
\`node_modules/\` itself (nothing outside this folder changes); run \`npx -y pnpm@10.34.9 install\` once
to record the package in \`pnpm-lock.yaml\`, and \`npm run compose\` and \`npm run codegen\` to refresh
the committed supergraph and allow-list for production. To remove it: delete this folder and its
registry entry.
`;
}
