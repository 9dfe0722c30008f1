import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  type RunningService,
  type StartOptions,
  type SubgraphModule,
  startSubgraph,
  subgraphTypeDefs,
} from "@hsa/subgraph-kit";
import { loadSupervisionDemo } from "./demo";
import { createResolvers } from "./resolvers";

export const SUBGRAPH_NAME = "supervision";
export const DEFAULT_PORT = 4004;

/** This subgraph's own SDL (schema-first). */
export const sdl = readFileSync(new URL("./schema.graphql", import.meta.url), "utf8");
/** The full subgraph SDL as served, for composition. */
export const typeDefs = subgraphTypeDefs(sdl);
export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

export type SupervisionServerOptions = StartOptions;

export async function startSupervisionSubgraph(opts: SupervisionServerOptions): Promise<RunningService> {
  await opts.handle.migrate(migrationsFolder, SUBGRAPH_NAME);
  return startSubgraph({
    name: SUBGRAPH_NAME,
    sdl,
    resolvers: createResolvers(opts.handle.db),
    port: opts.port ?? DEFAULT_PORT,
    host: opts.host,
    jwtSecret: opts.jwtSecret,
    log: opts.log,
    ready: async () => {
      await opts.handle.ping();
      return { database: opts.handle.kind };
    },
    onStop: opts.closeDbOnStop ? () => opts.handle.close() : undefined,
  });
}

/** The supervision subgraph as the launcher, tests and benchmarks see it. */
export const supervisionModule: SubgraphModule = {
  name: SUBGRAPH_NAME,
  defaultPort: DEFAULT_PORT,
  start: startSupervisionSubgraph,
  loadDemo: loadSupervisionDemo,
};
