import { defineSubgraph, peerUrl } from "@hsa/subgraph-kit";
import { loadProcurementDemo } from "./demo";
import { createResolvers } from "./resolvers";

/** The procurement subgraph: its SDL, migrations, resolvers and demo data, declared once. */
const subgraph = defineSubgraph({
  name: "procurement",
  defaultPort: 4002,
  schemaFile: new URL("./schema.graphql", import.meta.url),
  migrationsDir: new URL("../drizzle", import.meta.url),
  resolvers: (handle, opts) =>
    // Institutions are owned by supervision: reports are checked against it (SUPERVISION_URL).
    createResolvers(handle.db, {
      supervisionUrl: peerUrl("supervision", opts.peers, "http://127.0.0.1:4004/graphql"),
    }),
  loadDemo: (db, onProgress) => loadProcurementDemo(db, onProgress),
});

export const SUBGRAPH_NAME = subgraph.module.name;
export const DEFAULT_PORT = subgraph.module.defaultPort;
export const { sdl, typeDefs, migrationsFolder } = subgraph;
export const startProcurementSubgraph = subgraph.start;
/** The procurement subgraph as the launcher, tests and benchmarks see it. */
export const procurementModule = subgraph.module;
