// Child process of the bench: one subgraph of the registry in its own process (as deployed: each
// subgraph is its own service), on a free port, over the bench's PostgreSQL database. Prints one
// JSON line with its URL, runs until killed.
import { openDatabase } from "@hsa/db";
import { loadRegistryModule, readRegistry } from "@hsa/subgraph-kit";

process.env.LOG_LEVEL = "silent";
const name = process.env.BENCH_SUBGRAPH ?? "";
const databaseUrl = process.env.BENCH_DATABASE_URL ?? "";
const entry = readRegistry().subgraphs.find((e) => e.name === name);
if (!entry || !databaseUrl) throw new Error(`bench subgraph: no registry entry ${name} or no database URL`);
const mod = await loadRegistryModule(entry);
const handle = await openDatabase({ subgraph: name, databaseUrl, poolSize: 10 });
const service = await mod.start({
  handle,
  port: 0,
  jwtSecret: process.env.BENCH_JWT_SECRET ?? "",
  peers: JSON.parse(process.env.BENCH_PEERS ?? "{}") as Record<string, string>,
  closeDbOnStop: true,
});
console.log(JSON.stringify({ url: service.url }));
process.on("SIGTERM", async () => {
  await service.stop();
  process.exit(0);
});
