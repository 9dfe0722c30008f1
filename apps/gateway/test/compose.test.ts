import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { readRegistry } from "@hsa/subgraph-kit";
import { Kind, type ObjectTypeDefinitionNode, parse, print } from "graphql";
import { describe, expect, it } from "vitest";
import { composeSupergraph, composeSupergraphCached, SUPERGRAPH_PATH, supergraphServices } from "../src";
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

  it("remembers a composition until an SDL file, a URL or the salt changes (npm start composes on every start)", () => {
    const dir = mkdtempSync(join(tmpdir(), "hsa-compose-cache-"));
    try {
      const first = composeSupergraphCached(subgraphs, dir, "install-1");
      expect(first).toEqual({ sdl: composeSupergraph(subgraphs), cached: false });
      expect(composeSupergraphCached(subgraphs, dir, "install-1")).toEqual({ sdl: first.sdl, cached: true });
      // Another install (the composition library may have changed): composed again.
      expect(composeSupergraphCached(subgraphs, dir, "install-2").cached).toBe(false);
      // A subgraph's SDL changed: composed again, and the new field is in the supergraph.
      const [head, ...rest] = subgraphs;
      if (!head) throw new Error("no subgraph");
      const body = head.typeDefs.loc?.source.body ?? print(head.typeDefs);
      const edited = { ...head, typeDefs: parse(`${body}\nextend type Query { cacheProbe: Int }\n`) };
      const changed = composeSupergraphCached([edited, ...rest], dir, "install-2");
      expect(changed.cached).toBe(false);
      expect(changed.sdl).toContain("cacheProbe");
      // A URL changed: composed again (the URL is in the supergraph's join__Graph).
      const moved = composeSupergraphCached(
        [{ ...head, url: "http://localhost:4999/graphql" }, ...rest],
        dir,
        "install-2",
      );
      expect(moved).toMatchObject({ cached: false });
      expect(moved.sdl).toContain("http://localhost:4999/graphql");
      // Only the latest composition is kept.
      expect(readdirSync(dir).filter((f) => f.endsWith(".graphql"))).toHaveLength(1);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
