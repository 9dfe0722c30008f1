import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { composeSupergraph, SUPERGRAPH_PATH, supergraphServices } from "../src";
import { subgraphs } from "../src/subgraphs";

describe("supergraph composition", () => {
  it("composes every subgraph without errors", () => {
    const sdl = composeSupergraph(subgraphs);
    expect(sdl).toContain("enrollmentKpis(from: Quarter!, to: Quarter!, metrics: [ID!]): [KpiSeries!]!");
    expect(supergraphServices(sdl).map((s) => s.name)).toEqual(subgraphs.map((s) => s.name));
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
