import { isInSubtree, isReportingUnit, reportingUnits } from "@hsa/regions";
import { describe, expect, it } from "vitest";
import { demoSupervision, quarterOfDate, SUPERVISION_DEMO_PROVINCES } from "../src";

describe("demo supervision data", () => {
  const hunan = demoSupervision({ scope: "430000" });

  it("gives every reporting unit of the demo provinces a registry with hospitals of each grade", () => {
    const units = new Set(hunan.institutions.map((i) => i.regionCode));
    expect(units.size).toBe(reportingUnits("430000").length);
    for (const code of units) expect(isReportingUnit(code)).toBe(true);
    for (const grade of ["I", "II", "III"]) {
      expect(hunan.institutions.some((i) => i.kind === "HOSPITAL" && i.grade === grade)).toBe(true);
    }
    for (const kind of ["PHARMACY", "VILLAGE_CLINIC", "CLINIC"]) {
      expect(hunan.institutions.some((i) => i.kind === kind && i.grade === null)).toBe(true);
    }
    expect(new Set(hunan.institutions.map((i) => i.id)).size).toBe(hunan.institutions.length);
    expect(demoSupervision({ scope: "440000" }).institutions).toEqual([]);
    expect(SUPERVISION_DEMO_PROVINCES).toContain("630000");
  });

  it("is deterministic and independent of the scope asked for", () => {
    const city = demoSupervision({ scope: "430600" });
    expect(city).toEqual(demoSupervision({ scope: "430600" }));
    expect(city.institutions).toEqual(hunan.institutions.filter((i) => isInSubtree(i.regionCode, "430600")));
    expect(city.inspections).toEqual(hunan.inspections.filter((i) => isInSubtree(i.regionCode, "430600")));
  });

  it("keeps inspections inside their institution's agreement and quarter, amounts only off interviews", () => {
    const byId = new Map(hunan.institutions.map((i) => [i.id, i]));
    for (const i of hunan.inspections) {
      const inst = byId.get(i.institutionId);
      expect(inst?.regionCode).toBe(i.regionCode);
      expect(i.inspectedOn >= (inst?.agreementStart ?? "")).toBe(true);
      if (inst?.agreementEnd) expect(i.inspectedOn <= inst.agreementEnd).toBe(true);
      expect(i.quarter).toBe(quarterOfDate(i.inspectedOn));
      for (const d of i.dispositions) {
        if (d.kind === "INTERVIEW") expect(d.amountFen).toBeNull();
        else expect((d.amountFen ?? 0n) > 0n).toBe(true);
      }
    }
  });

  it("places 屈原管理区 2022 dispositions exactly: 433,000 / 455,000 / 245,900 / 108,800 / 30,100 yuan", () => {
    const fen = new Map<string, bigint>();
    for (const i of hunan.inspections) {
      if (i.regionCode !== "430671" || !i.quarter.startsWith("2022")) continue;
      for (const d of i.dispositions) {
        if (d.amountFen !== null) fen.set(d.kind, (fen.get(d.kind) ?? 0n) + d.amountFen);
      }
    }
    expect(Object.fromEntries(fen)).toEqual({
      RECOVERY: 43_300_000n,
      PENALTY: 45_500_000n,
      REFUSAL: 24_590_000n,
      DEDUCTION: 10_880_000n,
      SELF_CORRECTION: 3_010_000n,
    });
  });

  it("places 鄂温克族自治旗 2023H1: 34 inspections of medical institutions, 79 of pharmacies", () => {
    const ewenki = demoSupervision({ scope: "150724", from: "2023Q1", to: "2023Q2" });
    const kind = new Map(ewenki.institutions.map((i) => [i.id, i.kind]));
    const pharmacy = ewenki.inspections.filter((i) => kind.get(i.institutionId) === "PHARMACY").length;
    expect([ewenki.inspections.length - pharmacy, pharmacy]).toEqual([34, 79]);
  });
});
