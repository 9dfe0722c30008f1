import { isReportingUnit } from "@hsa/regions";
import { describe, expect, it } from "vitest";
import { demoEnrollment, enrollmentSeedFacts } from "../src";

describe("demo enrollment data", () => {
  const rows = demoEnrollment({ scope: "430000" });

  it("covers every reporting unit of the scope for every quarter 2021Q1–2024Q4, once", () => {
    const keys = new Set(rows.map((r) => `${r.regionCode}:${r.quarter}`));
    expect(keys.size).toBe(rows.length);
    const units = new Set(rows.map((r) => r.regionCode));
    expect(units.size * 16).toBe(rows.length);
    for (const code of units) expect(isReportingUnit(code)).toBe(true);
  });

  it("is deterministic", () => {
    expect(demoEnrollment({ scope: "430600" })).toEqual(demoEnrollment({ scope: "430600" }));
  });

  it("keeps the seeds' real figures: 屈原管理区 2022 remote care 2,463 of 2,582", () => {
    const quyuan = rows.filter((r) => r.regionCode === "430671" && r.quarter.startsWith("2022"));
    expect(quyuan).toHaveLength(4);
    expect(quyuan.reduce((s, r) => s + r.remoteRegistrations, 0)).toBe(2463);
    expect(quyuan.reduce((s, r) => s + r.remoteHospitalisations, 0)).toBe(2582);
    const q4 = quyuan.find((r) => r.quarter === "2022Q4");
    expect(q4).toBeDefined();
    if (q4) {
      expect((((q4.insuredEmployee + q4.insuredResident) / q4.registeredPopulation) * 100).toFixed(2)).toBe(
        "107.00",
      );
      expect(((q4.evoucherActivated / (q4.insuredEmployee + q4.insuredResident)) * 100).toFixed(2)).toBe(
        "63.97",
      );
    }
  });

  it("keeps 鄂温克族自治旗 2023H1 subsidised enrollment: 8,661 persons, 971,700 yuan", () => {
    const ewenki = demoEnrollment({ scope: "150724", from: "2023Q1", to: "2023Q2" });
    expect(ewenki.reduce((s, r) => s + r.subsidisedPersons, 0)).toBe(8661);
    expect(ewenki.reduce((s, r) => s + r.subsidyAmountFen, 0n)).toBe(97_170_000n);
    expect(Object.keys(enrollmentSeedFacts)).toContain("150724");
  });

  it("is plausible: non-negative, e-voucher settlements within all settlements, rates in range", () => {
    for (const r of rows) {
      expect(r.settlementsEvoucher).toBeLessThanOrEqual(r.settlementsTotal);
      expect(r.remoteRegistrations).toBeLessThanOrEqual(r.remoteHospitalisations);
      const rate = (r.insuredEmployee + r.insuredResident) / r.registeredPopulation;
      expect(rate).toBeGreaterThan(0.85);
      expect(rate).toBeLessThan(1.1);
      expect(r.registeredPopulation).toBeGreaterThan(10_000);
    }
  });

  it("has no artificial breaks: no unit's stock series moves by more than a plausible factor between quarters", () => {
    // Stocks (people on a register) change slowly: population and insured persons by well under a
    // tenth a quarter; e-voucher activations ramp up, but never by half in one quarter. The seeded
    // units (屈原管理区, 鄂温克族自治旗) are included: their series are anchored on their seeds.
    const limits: [keyof (typeof rows)[number], number][] = [
      ["registeredPopulation", 1.1],
      ["insuredEmployee", 1.1],
      ["insuredResident", 1.1],
      ["evoucherActivated", 1.5],
    ];
    const all = demoEnrollment();
    const byUnit = new Map<string, typeof all>();
    for (const r of all) byUnit.set(r.regionCode, [...(byUnit.get(r.regionCode) ?? []), r]);
    const breaks: string[] = [];
    for (const [code, series] of byUnit) {
      for (let i = 1; i < series.length; i++) {
        const [a, b] = [series[i - 1], series[i]];
        if (!a || !b) continue;
        for (const [field, limit] of limits) {
          const ratio = Number(b[field]) / Number(a[field]);
          if (ratio > limit || ratio < 1 / limit)
            breaks.push(`${code} ${field} ${a.quarter} ${a[field]} → ${b.quarter} ${b[field]}`);
        }
      }
    }
    expect(breaks).toEqual([]);
    expect(byUnit.get("430671")?.find((r) => r.quarter === "2022Q4")?.registeredPopulation).toBe(
      enrollmentSeedFacts["430671"]?.["2022Q4"]?.registeredPopulation,
    );
  });
});
