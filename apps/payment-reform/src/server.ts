import { DEMO_TO } from "@hsa/demo-data";
import { defineSubgraph, mergeResolvers, peerUrl, type StartOptions } from "@hsa/subgraph-kit";
import { dipCaseAggregate } from "./db/schema";
import { loadPaymentDemo } from "./demo-load";
import { paymentReporting, paymentReportingSDL, paymentWorkflow } from "./reporting";
import { createResolvers } from "./resolvers";

// Institutions are owned by supervision: reports are checked against it (SUPERVISION_URL).
const supervisionUrl = (opts: StartOptions) =>
  peerUrl("supervision", opts.peers, "http://127.0.0.1:4004/graphql");

/** The payment-reform subgraph: its SDL, migrations, resolvers and demo data, declared once. */
const subgraph = defineSubgraph({
  name: "payment",
  defaultPort: 4003,
  portEnv: "PAYMENT_REFORM_PORT",
  schemaFile: new URL("./schema.graphql", import.meta.url),
  migrationsDir: new URL("../drizzle", import.meta.url),
  extraSDL: paymentReportingSDL,
  resolvers: (handle, opts) => {
    const reporting = paymentReporting(handle.db, { supervisionUrl: supervisionUrl(opts) });
    return mergeResolvers(
      createResolvers(handle.db, { supervisionUrl: supervisionUrl(opts), workflow: reporting.workflow }),
      reporting.resolvers,
    );
  },
  uploads: (handle, opts) => paymentReporting(handle.db, { supervisionUrl: supervisionUrl(opts) }).uploads,
  coverage: (handle, opts) => paymentReporting(handle.db, { supervisionUrl: supervisionUrl(opts) }).workflow,
  loadDemo: (db, onProgress) => loadPaymentDemo(db, onProgress),
  // The county-quarters with DIP case aggregates are the demo's reports (approved before DEMO_TO).
  loadDemoReports: (db) =>
    paymentWorkflow(db).markDemoReports(
      { table: dipCaseAggregate, regionColumn: "region_code", quarterColumn: "quarter" },
      DEMO_TO,
    ),
});

export const SUBGRAPH_NAME = subgraph.module.name;
export const DEFAULT_PORT = subgraph.module.defaultPort;
export const { sdl, typeDefs, migrationsFolder } = subgraph;
export const startPaymentSubgraph = subgraph.start;
/** The payment-reform subgraph as the launcher, tests and benchmarks see it. */
export const paymentModule = subgraph.module;
