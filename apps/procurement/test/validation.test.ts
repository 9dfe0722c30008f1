import { describe, expect, it } from "vitest";
import { networkRateParts, validatePurchases, vbpCompletionParts } from "../src";

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

describe("集采约定量完成率 formula", () => {
  it("weights by agreed amount: 10,000 片 at 0.12 yuan and 500 支 at 30 yuan, not 10,500 of anything", () => {
    // 10,000 片 and 280 支 bought; agreement years 6/12 and 9/12 elapsed
    const tablet = { agreed: 10_000, bought: 10_000, priceFen: 12, share: 6 / 12 };
    const vial = { agreed: 500, bought: 280, priceFen: 3_000, share: 9 / 12 };
    const parts = vbpCompletionParts({
      agreedFen: tablet.agreed * tablet.priceFen + vial.agreed * vial.priceFen,
      purchasedFen: tablet.bought * tablet.priceFen + vial.bought * vial.priceFen,
      elapsedAgreedFen:
        tablet.share * tablet.agreed * tablet.priceFen + vial.share * vial.agreed * vial.priceFen,
    });
    expect(parts).toEqual({ numerator: 9_600, denominator: 16_200, elapsed: 11_850 / 16_200 });
    expect(((100 * parts.numerator) / parts.denominator).toFixed(2)).toBe("59.26");
    // what adding the volumes would have said
    expect(((100 * (10_000 + 280)) / (10_000 + 500)).toFixed(2)).toBe("97.90");
  });

  it("has no expected progress without an agreed amount", () => {
    expect(vbpCompletionParts({ agreedFen: 0, purchasedFen: 0, elapsedAgreedFen: 0 }).elapsed).toBeNull();
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
