// Child process of the bench: the two federation engines on the committed supergraph —
// @apollo/gateway (our gateway server; once with its response cache off, once with it on) and Hive
// Gateway — each on a free port, in their own process (as deployed: the gateway is its own
// service). Prints one JSON line with their URLs, runs until killed.
import { createServer, type RequestListener } from "node:http";
import type { AddressInfo } from "node:net";
import { readSupergraph, startGateway } from "@hsa/gateway";

const urls = JSON.parse(process.env.BENCH_SUBGRAPH_URLS ?? "{}") as Record<string, string>;
const secret = process.env.BENCH_JWT_SECRET ?? "";
process.env.LOG_LEVEL = "silent";

const apollo = await startGateway({ port: 0, jwtSecret: secret, subgraphUrls: urls, responseCacheMb: 0 });
const apolloCached = await startGateway({ port: 0, jwtSecret: secret, subgraphUrls: urls });

interface HiveRuntime extends RequestListener {
  dispose(): Promise<void> | void;
}
// Non-literal specifier: keeps Hive's typings (@types/node 25) out of this package's type program.
const HIVE = "@graphql-hive/gateway";
const { createGatewayRuntime } = (await import(HIVE)) as {
  createGatewayRuntime(config: unknown): HiveRuntime;
};
const supergraph = readSupergraph().replace(
  /@join__graph\(name:\s*"([^"]+)",\s*url:\s*"[^"]*"\)/g,
  (_w, name: string) => `@join__graph(name: "${name}", url: "${urls[name] ?? ""}")`,
);
process.env.LOG_LEVEL = "error"; // Hive's logger refuses "silent"
const hive = createGatewayRuntime({
  supergraph,
  logging: false,
  propagateHeaders: {
    fromClientToSubgraphs: ({ request }: { request: Request }) => ({
      authorization: request.headers.get("authorization"),
    }),
  },
});
const server = createServer(hive);
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const hiveUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
console.log(JSON.stringify({ apollo: apollo.url, apolloCached: apolloCached.url, hive: hiveUrl }));
process.on("SIGTERM", async () => {
  server.close();
  await hive.dispose();
  await apollo.stop();
  await apolloCached.stop();
  process.exit(0);
});
