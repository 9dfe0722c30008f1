// Every subgraph's committed SDL file (what the gateway composes, apps/gateway/test/compose.test.ts)
// equals what the subgraph's code serves. Here, not in the gateway: it loads every subgraph's code,
// and the gateway imports no subgraph.
import { readFileSync } from "node:fs";
import { loadRegistryModule, readRegistry, subgraphSdlFileText } from "@hsa/subgraph-kit";
import { describe, expect, it } from "vitest";

describe("the registry's SDL files and the subgraphs' code", () => {
  it("every SDL file equals what its subgraph serves (run `npm run compose` after changing a schema)", async () => {
    for (const entry of readRegistry().subgraphs) {
      const mod = await loadRegistryModule(entry);
      expect(mod.name, entry.package).toBe(entry.name);
      expect(readFileSync(entry.schemaFile, "utf8"), entry.schemaFile).toBe(
        subgraphSdlFileText(mod.typeDefs, entry.package),
      );
    }
  });
});
