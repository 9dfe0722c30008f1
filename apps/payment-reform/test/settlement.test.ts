import { describe, expect, it } from "vitest";
import {
  budgetOutcome,
  casePoints,
  computeSettlement,
  divRoundHalfUp,
  formatScaled,
  grossFen,
  numericToScaled,
  parseDecimal,
  pointValue8,
} from "../src";

const points = (s: string) => parseDecimal(s) as bigint;
const fen = (yuan: string) => {
  const [i, f = ""] = yuan.split(".");
  return BigInt(i as string) * 100n + BigInt(f.padEnd(2, "0"));
};

describe("DIP settlement money math (exact)", () => {
  it("reproduces the worked example: 12,000,000 yuan / 1,500,000 points = 8.00; 180,000 points → 1,440,000.00 yuan", () => {
    const budget = fen("12000000");
    const total = points("1500000");
    expect(formatScaled(pointValue8(budget, total) as bigint, 8)).toBe("8.00000000");
    expect(formatScaled(grossFen(points("180000"), budget, total), 2)).toBe("1440000.00");
    const s = computeSettlement(budget, [
      {
        institutionId: "B",
        regionCode: "430602",
        points4: points("1320000"),
        prepaidFen: 0n,
        deductionFen: 0n,
      },
      {
        institutionId: "A",
        regionCode: "430602",
        points4: points("180000"),
        prepaidFen: fen("1000000"),
        deductionFen: fen("12345.67"),
      },
    ]);
    expect(s.totalPoints4).toBe(total);
    expect(s.lines.map((l) => l.institutionId)).toEqual(["A", "B"]);
    expect(s.lines[0]?.grossFen).toBe(fen("1440000"));
    expect(s.lines[0]?.netFen).toBe(fen("1440000") - fen("1000000") - fen("12345.67"));
    expect(s.lines[1]?.grossFen).toBe(fen("10560000"));
    // gross amounts add up to the budget when nothing needs rounding
    expect(s.lines.reduce((a, l) => a + l.grossFen, 0n)).toBe(budget);
  });

  it("rounds each gross once, half-up, from the exact ratio (budget 10,000,000.01 yuan over 3 points)", () => {
    const budget = fen("10000000.01"); // 1,000,000,001 fen
    const s = computeSettlement(budget, [
      { institutionId: "a", regionCode: "x", points4: points("1"), prepaidFen: 0n, deductionFen: 0n },
      { institutionId: "b", regionCode: "x", points4: points("1.5"), prepaidFen: 0n, deductionFen: 0n },
      { institutionId: "c", regionCode: "x", points4: points("0.5"), prepaidFen: 0n, deductionFen: 0n },
    ]);
    // 1,000,000,001 / 3 = 333,333,333.666… → 333,333,334; × 1.5 = 500,000,000.5 → 500,000,001 (half-up);
    // × 0.5 = 166,666,666.833… → 166,666,667
    expect(s.lines.map((l) => l.grossFen)).toEqual([333_333_334n, 500_000_001n, 166_666_667n]);
    expect(formatScaled(s.pointValue8, 8)).toBe("3333333.33666667");
    // rounding residue is at most half a fen per institution
    const residue = s.lines.reduce((a, l) => a + l.grossFen, 0n) - budget;
    expect(residue <= 2n && residue >= -2n).toBe(true);
  });

  it("stays exact beyond 2^53 fen, where floating point cannot", () => {
    const budget = 2n ** 53n + 1n; // 9,007,199,254,740,993 fen
    expect(Number(budget)).toBe(Number(2n ** 53n)); // a float already lost the last fen
    expect(grossFen(points("1"), budget, points("1"))).toBe(budget);
    expect(grossFen(points("2"), budget, points("4"))).toBe(2n ** 52n + 1n); // 4,503,599,627,370,496.5 → half-up
  });

  it("does not use the rounded point value for money", () => {
    // 1 fen over 3 points: the point value rounds to 0.00003333 yuan, but 3 points earn the whole fen.
    const s = computeSettlement(1n, [
      { institutionId: "a", regionCode: "x", points4: points("3"), prepaidFen: 0n, deductionFen: 0n },
    ]);
    expect(formatScaled(s.pointValue8, 8)).toBe("0.00333333");
    expect(s.lines[0]?.grossFen).toBe(1n);
  });

  it("has no point value without points", () => {
    expect(pointValue8(100n, 0n)).toBeNull();
    expect(computeSettlement(100n, []).lines).toEqual([]);
  });
});

describe("exact decimal helpers", () => {
  it("divides with half-up rounding, symmetric for negatives", () => {
    expect([
      divRoundHalfUp(5n, 2n),
      divRoundHalfUp(4n, 3n),
      divRoundHalfUp(5n, 3n),
      divRoundHalfUp(-5n, 2n),
    ]).toEqual([3n, 1n, 2n, -3n]);
    expect(() => divRoundHalfUp(1n, 0n)).toThrow();
  });

  it("computes case points as cases × score × coefficient, rounded to 4 decimals", () => {
    expect(formatScaled(casePoints(12, points("1180.5"), points("0.85")))).toBe("12041.1000"); // 12 × 1180.5 × 0.85;
    expect(formatScaled(casePoints(1, points("1.2345"), points("0.3333")))).toBe("0.4115"); // 0.41145885
    expect(formatScaled(casePoints(0, points("999"), points("1")))).toBe("0.0000");
    expect(() => casePoints(-1, points("1"), points("1"))).toThrow();
  });

  it("parses decimals exactly and refuses negatives and excess precision", () => {
    expect(parseDecimal("0.85")).toBe(8500n);
    expect(parseDecimal("12.00000")).toBe(120000n);
    expect(parseDecimal("-1")).toBeNull();
    expect(parseDecimal("0.12345")).toBeNull();
    expect(parseDecimal("1e3")).toBeNull();
    expect(numericToScaled("8.00000000", 8)).toBe(800000000n);
    expect(numericToScaled("180000")).toBe(1800000000n);
    expect(() => numericToScaled("1.00001")).toThrow();
  });

  it("splits a surplus and an overspend per the configured shares", () => {
    expect(budgetOutcome(100_000n, 90_001n, 6000n, 4000n)).toEqual({
      surplusFen: 9_999n,
      retainedFen: 5_999n, // 5,999.4 → 5,999
      overspendFen: 0n,
      sharedFen: 0n,
    });
    expect(budgetOutcome(100_000n, 112_345n, 6000n, 5000n)).toEqual({
      surplusFen: 0n,
      retainedFen: 0n,
      overspendFen: 12_345n,
      sharedFen: 6_173n, // 6,172.5 → 6,173 (half-up)
    });
  });
});
