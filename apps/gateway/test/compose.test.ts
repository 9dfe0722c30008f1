import { readFileSync } from "node:fs";
import { readRegistry } from "@hsa/subgraph-kit";
import { Kind, type ObjectTypeDefinitionNode, parse, print } from "graphql";
import { describe, expect, it } from "vitest";
import { composeSupergraph, SUPERGRAPH_PATH, supergraphServices } from "../src";
import { registrySubgraphs } from "../src/subgraphs";

describe("supergraph composition from the registry's SDL files", () => {
  const subgraphs = registrySubgraphs();

  it("composes every subgraph of the registry without errors", () => {
    const sdl = composeSupergraph(subgraphs);
    // The field's signature (its arguments carry descriptions, so the printed SDL spans lines).
    const region = parse(sdl).definitions.find(
      (d): d is ObjectTypeDefinitionNode =>
        d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === "Region",
    );
    const kpis = region?.fields?.find((f) => f.name.value === "enrollmentKpis");
    expect(kpis?.arguments?.map((a) => `${a.name.value}: ${print(a.type)}`)).toEqual([
      "from: Quarter!",
      "to: Quarter!",
      "metrics: [ID!]",
    ]);
    expect(kpis && print(kpis.type)).toBe("[KpiSeries!]!");
    expect(
      supergraphServices(sdl)
        .map((s) => s.name)
        .sort(),
    ).toEqual(
      readRegistry()
        .subgraphs.map((s) => s.name)
        .sort(),
    );
  });

  it("matches the committed supergraph.graphql (run `npm run compose` after changing a schema)", () => {
    expect(readFileSync(SUPERGRAPH_PATH, "utf8")).toBe(composeSupergraph(subgraphs));
  });

  it("fails loudly when subgraphs conflict", () => {
    const [enrollment] = subgraphs;
    if (!enrollment) throw new Error("no subgraph");
    // A second subgraph redefining a non-shareable field of the first cannot compose.
    expect(() =>
      composeSupergraph([enrollment, { ...enrollment, name: "clone", url: "http://localhost:4999/graphql" }]),
    ).toThrow(/composition failed/);
  });
});
