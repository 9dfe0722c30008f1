import { defineSubgraph, peerUrl } from "@hsa/subgraph-kit";
import { loadPaymentDemo } from "./demo";
import { createResolvers } from "./resolvers";

/** The payment-reform subgraph: its SDL, migrations, resolvers and demo data, declared once. */
const subgraph = defineSubgraph({
  name: "payment",
  defaultPort: 4003,
  portEnv: "PAYMENT_REFORM_PORT",
  schemaFile: new URL("./schema.graphql", import.meta.url),
  migrationsDir: new URL("../drizzle", import.meta.url),
  resolvers: (handle, opts) =>
    // Institutions are owned by supervision: reports are checked against it (SUPERVISION_URL).
    createResolvers(handle.db, {
      supervisionUrl: peerUrl("supervision", opts.peers, "http://127.0.0.1:4004/graphql"),
    }),
  loadDemo: (db, onProgress) => loadPaymentDemo(db, onProgress),
});

export const SUBGRAPH_NAME = subgraph.module.name;
export const DEFAULT_PORT = subgraph.module.defaultPort;
export const { sdl, typeDefs, migrationsFolder } = subgraph;
export const startPaymentSubgraph = subgraph.start;
/** The payment-reform subgraph as the launcher, tests and benchmarks see it. */
export const paymentModule = subgraph.module;
