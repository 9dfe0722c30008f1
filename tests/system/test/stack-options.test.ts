// The test stack's `demoScopes` (demo figures of any registry subgraph, through its own
// insertDemoScope hook): a name it cannot honour is refused up front with a message that says why,
// before any database is opened or server started.
import { describe, expect, it } from "vitest";
import { allModules, startStack } from "./stack";

describe("startStack's demoScopes", () => {
  it("refuses a subgraph the registry does not list, naming those it does", async () => {
    await expect(startStack("pglite", undefined, { demoScopes: { nosuch: ["150724"] } })).rejects.toThrow(
      `demoScopes.nosuch: no subgraph nosuch in the registry (supergraph.yaml lists ${allModules.map((m) => m.name).join(", ")})`,
    );
  });

  it("refuses a registry subgraph this stack does not start", async () => {
    const [first, second] = allModules;
    if (!first || !second) throw new Error("the registry lists fewer than two subgraphs");
    await expect(
      startStack("pglite", undefined, { modules: [first], demoScopes: { [second.name]: ["150724"] } }),
    ).rejects.toThrow(`demoScopes.${second.name}: this stack does not start the ${second.name} subgraph`);
  });

  it("refuses a subgraph without the insertDemoScope hook", async () => {
    const without = allModules.find((m) => !m.insertDemoScope);
    if (!without) throw new Error("every registry subgraph has the hook: pick another case");
    await expect(
      startStack("pglite", undefined, { demoScopes: { [without.name]: ["150724"] } }),
    ).rejects.toThrow(`demoScopes.${without.name}: the ${without.name} subgraph has no insertDemoScope hook`);
  });
});
