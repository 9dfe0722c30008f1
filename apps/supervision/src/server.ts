import { DEMO_TO } from "@hsa/demo-data";
import { defineSubgraph, mergeResolvers } from "@hsa/subgraph-kit";
import { inspection } from "./db/schema";
import { loadSupervisionDemo } from "./demo";
import { supervisionReporting, supervisionReportingSDL } from "./reporting";
import { createResolvers } from "./resolvers";

/** The supervision subgraph: its SDL, migrations, resolvers and demo data, declared once. */
const subgraph = defineSubgraph({
  name: "supervision",
  defaultPort: 4004,
  schemaFile: new URL("./schema.graphql", import.meta.url),
  migrationsDir: new URL("../drizzle", import.meta.url),
  extraSDL: supervisionReportingSDL,
  resolvers: (handle) => {
    const reporting = supervisionReporting(handle.db);
    return mergeResolvers(createResolvers(handle.db, process.env, reporting.workflow), reporting.resolvers);
  },
  uploads: (handle) => supervisionReporting(handle.db).uploads,
  coverage: (handle) => supervisionReporting(handle.db).workflow,
  loadDemo: loadSupervisionDemo,
  // Demo approval states: every county-quarter with inspections, approved before DEMO_TO and
  // submitted (awaiting approval) from DEMO_TO on.
  loadDemoReports: (db) =>
    supervisionReporting(db).workflow.markDemoReports(
      { table: inspection, regionColumn: "region_code", quarterColumn: "quarter" },
      DEMO_TO,
    ),
});

export const SUBGRAPH_NAME = subgraph.module.name;
export const DEFAULT_PORT = subgraph.module.defaultPort;
export const { sdl, typeDefs, migrationsFolder } = subgraph;
export const startSupervisionSubgraph = subgraph.start;
/** The supervision subgraph as the launcher, tests and benchmarks see it. */
export const supervisionModule = subgraph.module;
