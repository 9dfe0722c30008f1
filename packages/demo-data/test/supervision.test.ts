import { isInSubtree, isReportingUnit, reportingUnits } from "@hsa/regions";
import { describe, expect, it } from "vitest";
import {
  DEMO_REGISTRY_DENSITY,
  demoSupervision,
  demoUnitInstitutions,
  quarterOfDate,
  SUPERVISION_DEMO_PROVINCES,
  unitInstitutions,
} from "../src";

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
    expect(SUPERVISION_DEMO_PROVINCES).toContain("630000");
    // The whole registry in the demo provinces.
    const full = reportingUnits("430000").flatMap((u) => unitInstitutions(u));
    expect(hunan.institutions).toEqual(full);
  });

  it("gives every other reporting unit of the country a sample of its registry, always with an open county hospital", () => {
    for (const unit of reportingUnits("000000")) {
      const insts = demoUnitInstitutions(unit);
      expect(insts.length).toBeGreaterThan(0);
      expect(insts.some((i) => i.kind === "HOSPITAL" && i.agreementStatus !== "TERMINATED")).toBe(true);
    }
    const guangdong = demoSupervision({ scope: "440000" });
    const registry = reportingUnits("440000").flatMap((u) => unitInstitutions(u));
    const ids = new Set(registry.map((i) => i.id));
    expect(guangdong.institutions.every((i) => ids.has(i.id))).toBe(true);
    const share = guangdong.institutions.length / registry.length;
    expect(share).toBeGreaterThan(DEMO_REGISTRY_DENSITY * 0.8);
    expect(share).toBeLessThan(DEMO_REGISTRY_DENSITY * 1.5);
    expect(new Set(guangdong.institutions.map((i) => i.regionCode)).size).toBe(
      reportingUnits("440000").length,
    );
    const city = demoSupervision({ scope: "440100" });
    expect(city.institutions).toEqual(
      guangdong.institutions.filter((i) => isInSubtree(i.regionCode, "440100")),
    );
    expect(city.inspections).toEqual(
      guangdong.inspections.filter((i) => isInSubtree(i.regionCode, "440100")),
    );
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
