import { readFileSync } from "node:fs";
import { type Registry, readRegistry } from "@hsa/subgraph-kit";
import { parse } from "graphql";
import type { SubgraphDefinition } from "./compose";

/**
 * Every subgraph of the federated graph, from the registry (supergraph.yaml): its name, default
 * URL and SDL file. The gateway imports no subgraph code: composition reads the SDL files.
 */
export function registrySubgraphs(registry: Registry = readRegistry()): SubgraphDefinition[] {
  return registry.subgraphs.map((s) => {
    let sdl: string;
    try {
      sdl = readFileSync(s.schemaFile, "utf8");
    } catch {
      throw new Error(`${s.schemaFile} (subgraph ${s.name}) is missing: run \`npm run compose\``);
    }
    return { name: s.name, url: s.defaultUrl, typeDefs: parse(sdl) };
  });
}
