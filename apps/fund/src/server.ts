import { DEMO_TO } from "@hsa/demo-data";
import { defineSubgraph, mergeResolvers } from "@hsa/subgraph-kit";
import { outpatientPooling } from "./db/schema";
import { loadFundDemo } from "./demo/load";
import { fundReporting, fundReportingSDL } from "./reporting";
import { createResolvers } from "./resolvers";

/** The fund subgraph (基金与待遇): its SDL, migrations, resolvers and demo data, declared once. */
const subgraph = defineSubgraph({
  name: "fund",
  defaultPort: 4005,
  schemaFile: new URL("./schema.graphql", import.meta.url),
  migrationsDir: new URL("../drizzle", import.meta.url),
  extraSDL: fundReportingSDL,
  resolvers: (handle) => {
    const reporting = fundReporting(handle.db);
    return mergeResolvers(createResolvers(handle.db, process.env, reporting.workflow), reporting.resolvers);
  },
  uploads: (handle) => fundReporting(handle.db).uploads,
  coverage: (handle) => fundReporting(handle.db).workflow,
  loadDemo: loadFundDemo,
  // Every demo county-quarter has all four facts: the outpatient pooling rows mark them.
  loadDemoReports: (db) =>
    fundReporting(db).workflow.markDemoReports(
      { table: outpatientPooling, regionColumn: "region_code", quarterColumn: "quarter" },
      DEMO_TO,
    ),
});

export const SUBGRAPH_NAME = subgraph.module.name;
export const DEFAULT_PORT = subgraph.module.defaultPort;
export const { sdl, typeDefs, migrationsFolder } = subgraph;
export const startFundSubgraph = subgraph.start;
/** The fund subgraph as the launcher, tests and benchmarks see it. */
export const fundModule = subgraph.module;
