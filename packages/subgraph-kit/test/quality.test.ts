import { describe, expect, it } from "vitest";
import { isOutlier, modifiedZScore, OUTLIER_THRESHOLD } from "../src/quality";

describe("the outlier rule (modified z-score, Iglewicz & Hoaglin)", () => {
  it("scores against the median and MAD of the sample", () => {
    // sample 10, 11, 12, 13, 14: median 12, MAD 1 → z(20) = 0.6745 × 8 = 5.396
    expect(modifiedZScore(20, [10, 11, 12, 13, 14])).toBeCloseTo(5.396, 3);
    expect(isOutlier(20, [10, 11, 12, 13, 14])).toBe(true);
    expect(isOutlier(15, [10, 11, 12, 13, 14])).toBe(false); // z = 2.02
    expect(OUTLIER_THRESHOLD).toBe(3.5);
  });

  it("falls back to the mean absolute deviation when the MAD is 0, and judges nothing on a flat or short sample", () => {
    // 5, 5, 5, 9: median 5, MAD 0, mean AD 1 → z(10) = 5 / 1.253314 = 3.99
    expect(modifiedZScore(10, [5, 5, 5, 9])).toBeCloseTo(3.989, 3);
    expect(modifiedZScore(10, [5, 5, 5, 5])).toBeNull();
    expect(modifiedZScore(10, [1, 2, 3])).toBeNull(); // fewer than 4 values
    expect(isOutlier(1000, [1, 2, 3])).toBe(false);
  });

  it("a steady trend is not an outlier; a collapse is", () => {
    const trend = Array.from({ length: 12 }, (_, i) => 30 + 2 * i); // 30 … 52
    expect(isOutlier(54, trend)).toBe(false);
    expect(isOutlier(1, trend)).toBe(true);
  });
});
