import { describe, expect, it } from "vitest";
import { demoProcurement, procurementSeedFacts } from "../src";

describe("demo procurement data", () => {
  const demo = demoProcurement({ scope: "150724", from: "2023Q1", to: "2023Q4" });

  it("places 鄂温克族自治旗 2023Q1 exactly, per category, to the fen", () => {
    for (const [category, t] of Object.entries(procurementSeedFacts.totals)) {
      const rows = demo.purchases.filter((p) => p.quarter === "2023Q1" && p.category === category);
      expect(rows.length).toBeGreaterThan(1);
      expect(rows.reduce((s, p) => s + p.totalFen, 0n)).toBe(t.total);
      expect(rows.reduce((s, p) => s + p.networkFen, 0n)).toBe(t.network);
      expect(rows.reduce((s, p) => s + p.reportedOffNetworkFen, 0n)).toBe(t.reported);
    }
  });

  it("never reports more network + off-network than the total, and nothing negative", () => {
    for (const p of demoProcurement({ scope: "430600" }).purchases) {
      expect(p.networkFen >= 0n && p.reportedOffNetworkFen >= 0n).toBe(true);
      expect(p.networkFen + p.reportedOffNetworkFen <= p.totalFen).toBe(true);
    }
  });

  it("is deterministic and gives every hospital VBP agreements with progress", () => {
    expect(demoProcurement({ scope: "150724", from: "2023Q1", to: "2023Q1" })).toEqual(
      demoProcurement({ scope: "150724", from: "2023Q1", to: "2023Q1" }),
    );
    const hospitals = new Set(demo.agreements.map((a) => a.institutionId));
    expect([...hospitals].every((id) => id.includes("-H-"))).toBe(true);
    expect(demo.progress.length).toBeGreaterThan(demo.agreements.length);
  });
});
