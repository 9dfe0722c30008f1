import { describe, expect, it } from "vitest";
import { networkRateParts, validatePurchases } from "../src";

const now = new Date("2026-11-23T12:00:00Z");

describe("网采率 formula", () => {
  it("counts reported off-network purchases as compliant (the seed's 97.12%, not 93.08%)", () => {
    const { numerator, denominator } = networkRateParts({
      total: 8_748_900,
      network: 8_143_100,
      reportedOffNetwork: 353_800,
    });
    expect(((100 * numerator) / denominator).toFixed(2)).toBe("97.12");
    expect(((100 * 8_143_100) / denominator).toFixed(2)).toBe("93.08");
  });
});

describe("validatePurchases", () => {
  const item = {
    category: "DRUG" as const,
    totalYuan: "100.00",
    networkYuan: "90",
    reportedOffNetworkYuan: "10",
  };
  it("accepts network + reported equal to the total, converting to fen exactly", () => {
    const r = validatePurchases("2024Q4", [item], now);
    expect(r.problems).toEqual([]);
    expect(r.parsed).toEqual([
      { category: "DRUG", totalFen: 10_000n, networkFen: 9_000n, reportedOffNetworkFen: 1_000n },
    ]);
  });
  it("lists every problem with the item index", () => {
    const r = validatePurchases(
      "2027Q1",
      [
        { ...item, networkYuan: "95" },
        { ...item, category: "DRUG", totalYuan: "1.234" },
      ],
      now,
    );
    expect(r.problems.map((p) => p.field)).toEqual([
      "quarter",
      "items[0].networkYuan",
      "items[1].category",
      "items[1].totalYuan",
    ]);
  });
  it("requires at least one item", () => {
    expect(validatePurchases("2024Q1", [], now).problems.map((p) => p.field)).toEqual(["items"]);
  });
});
