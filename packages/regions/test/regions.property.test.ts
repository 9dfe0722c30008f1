import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  allRegions,
  ancestors,
  children,
  descendants,
  isInSubtree,
  type Region,
  regionPath,
  reportingUnits,
  subtreePrefix,
} from "../src/index";

const regions = allRegions();
const region: fc.Arbitrary<Region> = fc.constantFrom(...regions);
// Roots that are not counties, so subtrees are not trivial.
const root: fc.Arbitrary<Region> = fc.constantFrom(...regions.filter((r) => r.level !== "COUNTY"));

describe("regions (property-based)", () => {
  it("a code is in a subtree exactly when it starts with the subtree's SQL prefix", () => {
    fc.assert(
      fc.property(region, root, (r, top) => {
        expect(isInSubtree(r.code, top.code)).toBe(r.code.startsWith(subtreePrefix(top.code)));
      }),
      { numRuns: 2_000 },
    );
  });

  it("ancestors and the path lead from the nation down to the region, each containing it", () => {
    fc.assert(
      fc.property(region, (r) => {
        const path = regionPath(r.code);
        expect(path.at(-1)?.code).toBe(r.code);
        for (const a of ancestors(r.code)) expect(isInSubtree(r.code, a.code)).toBe(true);
        for (let i = 1; i < path.length; i++) expect(path[i]?.parentCode).toBe(path[i - 1]?.code);
      }),
    );
  });

  it("children and descendants stay in the subtree; reporting units are its leaves", () => {
    fc.assert(
      fc.property(root, (top) => {
        for (const c of children(top.code)) {
          expect(c.parentCode).toBe(top.code);
          expect(isInSubtree(c.code, top.code)).toBe(true);
        }
        const below = descendants(top.code);
        expect(below.every((d) => d.code !== top.code && isInSubtree(d.code, top.code))).toBe(true);
        const prefix = subtreePrefix(top.code);
        expect(below.length).toBe(
          regions.filter((x) => x.code !== top.code && x.code.startsWith(prefix)).length,
        );
        for (const u of reportingUnits(top.code)) expect(children(u.code)).toEqual([]);
      }),
      { numRuns: 200 },
    );
  });
});
