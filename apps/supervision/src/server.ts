import { defineSubgraph } from "@hsa/subgraph-kit";
import { loadSupervisionDemo } from "./demo";
import { createResolvers } from "./resolvers";

/** The supervision subgraph: its SDL, migrations, resolvers and demo data, declared once. */
const subgraph = defineSubgraph({
  name: "supervision",
  defaultPort: 4004,
  schemaFile: new URL("./schema.graphql", import.meta.url),
  migrationsDir: new URL("../drizzle", import.meta.url),
  resolvers: (handle) => createResolvers(handle.db),
  loadDemo: loadSupervisionDemo,
});

export const SUBGRAPH_NAME = subgraph.module.name;
export const DEFAULT_PORT = subgraph.module.defaultPort;
export const { sdl, typeDefs, migrationsFolder } = subgraph;
export const startSupervisionSubgraph = subgraph.start;
/** The supervision subgraph as the launcher, tests and benchmarks see it. */
export const supervisionModule = subgraph.module;
