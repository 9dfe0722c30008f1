import { describe, expect, it } from "vitest";
import { demoFund, fundFacts } from "../src";
import { rowToGraphQL } from "../src/facts/common";

const sum = <T>(rows: T[], f: (r: T) => number | bigint) => rows.reduce((s, r) => s + BigInt(f(r)), 0n);

describe("the fund demo data", () => {
  it("places 屈原管理区's 2022 income and expenditure to the fen", () => {
    const d = demoFund({ scope: "430671", from: "2022Q1", to: "2022Q4" });
    expect(d.balances).toHaveLength(8);
    expect(sum(d.balances, (b) => b.incomeFen)).toBe(7_102_350_000n);
    expect(sum(d.balances, (b) => b.expenditureFen)).toBe(6_900_000_000n);
  });

  it("places 鄂温克族自治旗's 2023Q1–Q2 figures to the unit", () => {
    const d = demoFund({ scope: "150724", from: "2023Q1", to: "2023Q2" });
    const resident = d.remote.filter((r) => r.scheme === "RESIDENT");
    const cases = (r: (typeof resident)[number]) =>
      r.inpatientWithinCases +
      r.inpatientCrossCases +
      r.chronicWithinCases +
      r.chronicCrossCases +
      r.outpatientWithinCases +
      r.outpatientCrossCases;
    expect(sum(resident, cases)).toBe(4_242n);
    expect(sum(resident, (r) => r.inpatientWithinFen + r.inpatientCrossFen)).toBe(1_122_120_000n);
    expect(sum(d.remote, (r) => r.outpatientCrossCases)).toBe(5_301n);
    expect(sum(d.pooling, (p) => p.pharmacyFundPaidFen)).toBe(297_500_000n);
    expect(d.pooling.at(-1)?.personsYtd).toBe(24_725);
    expect(sum(d.assistance, (a) => a.subsidisedPersons)).toBe(8_661n);
    expect(sum(d.assistance, (a) => a.subsidyFen)).toBe(97_170_000n);
  });

  it("passes the facts' own rules, row by row, for a whole city", () => {
    const d = demoFund({ scope: "150700" });
    const now = new Date("2026-11-23T12:00:00Z");
    const sets = [d.balances, d.remote, d.pooling, d.assistance] as Record<string, unknown>[][];
    const problems = fundFacts.flatMap((f, i) =>
      (sets[i] ?? []).flatMap((row) => f.validate(rowToGraphQL(row), now)),
    );
    expect(problems).toEqual([]);
    expect(d.balances.every((b) => b.accumulatedBalanceFen >= 0n)).toBe(true);
  }, 30_000);

  it("is the same whichever range is asked for (the accumulated balance runs from the demo's start)", () => {
    const whole = demoFund({ scope: "150724" }).balances.filter((b) => b.quarter === "2023Q2");
    const part = demoFund({ scope: "150724", from: "2023Q2", to: "2023Q2" }).balances;
    expect(part).toEqual(whole);
  });
});
