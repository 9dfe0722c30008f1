import { isInSubtree, reportingUnits } from "@hsa/regions";
import { describe, expect, it } from "vitest";
import { demoPayment, demoSupervision, paymentDemoPools, paymentSeedFacts } from "../src";

describe("demo payment-reform data", () => {
  const demo = demoPayment({ scope: "150724" });

  it("covers the whole country: every reporting unit in exactly one pooling area, a county's scope its city's pool", () => {
    const pools = paymentDemoPools();
    for (const p of ["150700", "430600", "440100", "630100"]) expect(pools).toContain(p);
    for (const unit of reportingUnits("000000")) {
      expect(pools.filter((p) => isInSubtree(unit.code, p))).toHaveLength(1);
    }
    expect(demo.pools).toEqual(["150700"]);
    expect(paymentDemoPools("440000").every((p) => isInSubtree(p, "440000"))).toBe(true);
  });

  it("gives every county of a sampled province DIP cases in every year", () => {
    const guangzhou = demoPayment({ scope: "440100" });
    for (const unit of reportingUnits("440100")) {
      for (const year of ["2021", "2022", "2023", "2024"]) {
        const n = guangzhou.cases.filter((c) => c.regionCode === unit.code && c.quarter.startsWith(year));
        expect(n.length, `${unit.code} ${year}`).toBeGreaterThan(0);
      }
    }
  });

  it("gives 鄂温克族自治旗 exactly two DIP institutions with 3,562 cases in 2022 (seed 000)", () => {
    const rows = demo.cases.filter((c) => c.regionCode === "150724" && c.quarter.startsWith("2022"));
    expect([...new Set(rows.map((c) => c.institutionId))].sort()).toEqual([...paymentSeedFacts.institutions]);
    expect(rows.reduce((s, c) => s + c.cases, 0)).toBe(3562);
    const hospitals = demoSupervision({ scope: "150724" }).institutions.filter((i) =>
      (paymentSeedFacts.institutions as readonly string[]).includes(i.id),
    );
    expect(hospitals.map((h) => h.grade)).toEqual(["II", "II"]);
  });

  it("reports only catalogue groups, nothing negative, DIP fund within the inpatient fund", () => {
    const groups = new Set(demo.groups.map((g) => `${g.year}:${g.code}`));
    for (const c of demo.cases) {
      expect(groups.has(`${c.quarter.slice(0, 4)}:${c.groupCode}`)).toBe(true);
      expect(c.cases >= 0 && c.fundPrepaidFen >= 0n && c.dipFundFen <= c.inpatientFundFen).toBe(true);
      expect(isInSubtree(c.regionCode, "150700")).toBe(true);
    }
  });

  it("has about 10% comprehensive groups and cases, budgets for every year and closed 2021–2023", () => {
    const y2022 = demo.groups.filter((g) => g.year === 2022);
    const comprehensive = y2022.filter((g) => g.type === "COMPREHENSIVE").length / y2022.length;
    expect(comprehensive).toBeGreaterThan(0.05);
    expect(comprehensive).toBeLessThan(0.15);
    const byType = new Map(y2022.map((g) => [g.code, g.type]));
    const rows = demo.cases.filter((c) => c.quarter.startsWith("2022"));
    const all = rows.reduce((s, c) => s + c.cases, 0);
    const comp = rows
      .filter((c) => byType.get(c.groupCode) === "COMPREHENSIVE")
      .reduce((s, c) => s + c.cases, 0);
    expect(comp / all).toBeGreaterThan(0.03);
    expect(comp / all).toBeLessThan(0.2);
    expect(demo.budgets.filter((b) => b.kind === "POOL").map((b) => b.year)).toEqual([
      2021, 2022, 2023, 2024,
    ]);
    expect(demo.closedYears).toEqual([2021, 2022, 2023]);
  });

  it("is deterministic", () => {
    expect(demoPayment({ scope: "630100" })).toEqual(demoPayment({ scope: "630100" }));
  });
});
