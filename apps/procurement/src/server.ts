import { DEMO_TO } from "@hsa/demo-data";
import { defineSubgraph, mergeResolvers, peerUrl, type StartOptions } from "@hsa/subgraph-kit";
import { purchase } from "./db/schema";
import { loadProcurementDemo } from "./demo";
import { procurementReporting, procurementReportingSDL } from "./reporting";
import { createResolvers } from "./resolvers";

/** Institutions are owned by supervision: reports and imports are checked against it (SUPERVISION_URL). */
const supervisionUrl = (opts?: StartOptions) =>
  peerUrl("supervision", opts?.peers, "http://127.0.0.1:4004/graphql");

/** The procurement subgraph: its SDL, migrations, resolvers and demo data, declared once. */
const subgraph = defineSubgraph({
  name: "procurement",
  defaultPort: 4002,
  schemaFile: new URL("./schema.graphql", import.meta.url),
  migrationsDir: new URL("../drizzle", import.meta.url),
  extraSDL: procurementReportingSDL,
  resolvers: (handle, opts) => {
    const reporting = procurementReporting(handle.db, supervisionUrl(opts));
    return mergeResolvers(
      createResolvers(handle.db, { supervisionUrl: supervisionUrl(opts), workflow: reporting.workflow }),
      reporting.resolvers,
    );
  },
  uploads: (handle, opts) => procurementReporting(handle.db, supervisionUrl(opts)).uploads,
  coverage: (handle, opts) => procurementReporting(handle.db, supervisionUrl(opts)).workflow,
  loadDemo: (db, onProgress) => loadProcurementDemo(db, onProgress),
  loadDemoReports: (db) =>
    procurementReporting(db, supervisionUrl()).workflow.markDemoReports(
      { table: purchase, regionColumn: "region_code", quarterColumn: "quarter" },
      DEMO_TO,
    ),
});

export const SUBGRAPH_NAME = subgraph.module.name;
export const DEFAULT_PORT = subgraph.module.defaultPort;
export const { sdl, typeDefs, migrationsFolder } = subgraph;
export const startProcurementSubgraph = subgraph.start;
/** The procurement subgraph as the launcher, tests and benchmarks see it. */
export const procurementModule = subgraph.module;
