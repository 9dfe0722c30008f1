import { describe, expect, it } from "vitest";
import { supervision } from "../src";

describe("supervision's declared sums (the region × quarter figures its KPIs are made of)", () => {
  it("marks the distinct counts non-additive and the designated institutions a STOCK", () => {
    const byName = new Map(supervision.sums.map((s) => [s.name, s]));
    for (const n of ["inspected", "inspectedTertiary", "inspectedSecondary", "interviews"] as const) {
      expect(byName.get(n)).toMatchObject({ aggregation: "FLOW", additive: false, unit: "institutions" });
    }
    for (const n of ["active", "activeTertiary", "activeSecondary"] as const) {
      expect(byName.get(n)).toMatchObject({ aggregation: "STOCK", additive: true });
    }
    expect(byName.get("inspected")?.metrics).toEqual(["supervision.inspection_coverage"]);
  });

  it("declares every KPI of the catalogue on those sums", () => {
    for (const m of supervision.metrics) {
      expect(m.numeratorSums.length, m.id).toBeGreaterThan(0);
      expect(m.denominatorSums === null, m.id).toBe(m.denominatorZh === null);
    }
    expect(supervision.sums.every((s) => s.metrics.length > 0)).toBe(true);
  });
});
