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
import { loadPaymentDemo } from "./demo";
import { createResolvers } from "./resolvers";

/** Federation name and PostgreSQL schema. */
export const SUBGRAPH_NAME = "payment";
export const DEFAULT_PORT = 4003;
/** The documented port variable (the launcher's generic `<NAME>_PORT` would be PAYMENT_PORT). */
export const PORT_ENV = "PAYMENT_REFORM_PORT";

/** This subgraph's own SDL (schema-first). */
export const sdl = readFileSync(new URL("./schema.graphql", import.meta.url), "utf8");
/** The full subgraph SDL as served, for composition. */
export const typeDefs = subgraphTypeDefs(sdl);
export const migrationsFolder = fileURLToPath(new URL("../drizzle", import.meta.url));

/**
 * The port to listen on: an explicit port wins (0 = any free port, as tests ask), except the
 * launcher's default, which `PAYMENT_REFORM_PORT` overrides.
 */
export function resolvePort(port: number | undefined, env: NodeJS.ProcessEnv = process.env): number {
  const fromEnv = env[PORT_ENV];
  if ((port === undefined || port === DEFAULT_PORT) && fromEnv) return Number(fromEnv);
  return port ?? DEFAULT_PORT;
}

export async function startPaymentSubgraph(opts: StartOptions): Promise<RunningService> {
  await opts.handle.migrate(migrationsFolder, SUBGRAPH_NAME);
  // Institutions are owned by supervision: reports are checked against it (SUPERVISION_URL).
  const supervisionUrl = peerUrl("supervision", opts.peers, "http://127.0.0.1:4004/graphql");
  return startSubgraph({
    name: SUBGRAPH_NAME,
    sdl,
    resolvers: createResolvers(opts.handle.db, { supervisionUrl }),
    port: resolvePort(opts.port),
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

/** The payment-reform subgraph as the launcher, tests and benchmarks see it. */
export const paymentModule: SubgraphModule = {
  name: SUBGRAPH_NAME,
  defaultPort: DEFAULT_PORT,
  start: startPaymentSubgraph,
  loadDemo: (db, onProgress) => loadPaymentDemo(db, onProgress),
};
