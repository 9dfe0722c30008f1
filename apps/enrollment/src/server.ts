import { DEMO_TO } from "@hsa/demo-data";
import { defineSubgraph, mergeResolvers } from "@hsa/subgraph-kit";
import { quarterlyReport } from "./db/schema";
import { loadEnrollmentDemo } from "./demo";
import { enrollmentReporting, enrollmentReportingSDL } from "./reporting";
import { createResolvers } from "./resolvers";

/** The enrollment subgraph: its SDL, migrations, resolvers and demo data, declared once. */
const subgraph = defineSubgraph({
  name: "enrollment",
  defaultPort: 4001,
  schemaFile: new URL("./schema.graphql", import.meta.url),
  migrationsDir: new URL("../drizzle", import.meta.url),
  extraSDL: enrollmentReportingSDL,
  resolvers: (handle) => {
    const reporting = enrollmentReporting(handle.db);
    return mergeResolvers(createResolvers(handle.db, process.env, reporting.workflow), reporting.resolvers);
  },
  uploads: (handle) => enrollmentReporting(handle.db).uploads,
  coverage: (handle) => enrollmentReporting(handle.db).workflow,
  loadDemo: loadEnrollmentDemo,
  loadDemoReports: (db) =>
    enrollmentReporting(db).workflow.markDemoReports(
      { table: quarterlyReport, regionColumn: "region_code", quarterColumn: "quarter" },
      DEMO_TO,
    ),
});

export const SUBGRAPH_NAME = subgraph.module.name;
export const DEFAULT_PORT = subgraph.module.defaultPort;
export const { sdl, typeDefs, migrationsFolder } = subgraph;
export const startEnrollmentSubgraph = subgraph.start;
/** The enrollment subgraph as the launcher, tests and benchmarks see it. */
export const enrollmentModule = subgraph.module;
