import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import {
  peerUrl,
  type RunningService,
  type StartOptions,
  type SubgraphModule,
  startSubgraph,
  subgraphTypeDefs,
} from "@hsa/subgraph-kit";
import { loadProcurementDemo } from "./demo";
import { createResolvers } from "./resolvers";

export const SUBGRAPH_NAME = "procurement";
export const DEFAULT_PORT = 4002;

/** This subgraph's own SDL (schema-first). */
export const sdl = readFileSync(new URL("./schema.graphql", import.meta.url), "utf8");
/** The full subgraph SDL as served, for composition. */
export const typeDefs = subgraphTypeDefs(sdl);
export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

export async function startProcurementSubgraph(opts: StartOptions): Promise<RunningService> {
  await opts.handle.migrate(migrationsFolder, SUBGRAPH_NAME);
  // Institutions are owned by supervision: reports are checked against it (SUPERVISION_URL).
  const supervisionUrl = peerUrl("supervision", opts.peers, "http://127.0.0.1:4004/graphql");
  return startSubgraph({
    name: SUBGRAPH_NAME,
    sdl,
    resolvers: createResolvers(opts.handle.db, { supervisionUrl }),
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

/** The procurement subgraph as the launcher, tests and benchmarks see it. */
export const procurementModule: SubgraphModule = {
  name: SUBGRAPH_NAME,
  defaultPort: DEFAULT_PORT,
  start: startProcurementSubgraph,
  loadDemo: (db, onProgress) => loadProcurementDemo(db, onProgress),
};
