import { defineSubgraph } from "@hsa/subgraph-kit";
import { loadEnrollmentDemo } from "./demo";
import { createResolvers } from "./resolvers";

/** The enrollment subgraph: its SDL, migrations, resolvers and demo data, declared once. */
const subgraph = defineSubgraph({
  name: "enrollment",
  defaultPort: 4001,
  schemaFile: new URL("./schema.graphql", import.meta.url),
  migrationsDir: new URL("../drizzle", import.meta.url),
  resolvers: (handle) => createResolvers(handle.db),
  loadDemo: loadEnrollmentDemo,
});

export const SUBGRAPH_NAME = subgraph.module.name;
export const DEFAULT_PORT = subgraph.module.defaultPort;
export const { sdl, typeDefs, migrationsFolder } = subgraph;
export const startEnrollmentSubgraph = subgraph.start;
/** The enrollment subgraph as the launcher, tests and benchmarks see it. */
export const enrollmentModule = subgraph.module;
