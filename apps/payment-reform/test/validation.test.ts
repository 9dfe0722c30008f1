import { paymentDemoPools } from "@hsa/demo-data";
import { MUNICIPALITIES, poolingArea, reportingUnits } from "@hsa/regions";
import { modulePort } from "@hsa/subgraph-kit";
import { describe, expect, it } from "vitest";
import {
  canSeePool,
  isPool,
  paymentMetrics,
  paymentModule,
  poolingAreaOf,
  validateDeductions,
  validateDipCases,
} from "../src";

const now = new Date("2026-11-23T12:00:00Z");
const group = {
  groupCode: "I63.9-01",
  cases: 10,
  fundPrepaidYuan: "100.50",
  dipFundYuan: "80",
  inpatientFundYuan: "100",
};

describe("validateDipCases", () => {
  it("converts a valid report to fen exactly", () => {
    const r = validateDipCases("2026Q3", [group], now);
    expect(r.problems).toEqual([]);
    expect(r.parsed).toEqual([
      {
        groupCode: "I63.9-01",
        cases: 10,
        fundPrepaidFen: 10_050n,
        dipFundFen: 8_000n,
        inpatientFundFen: 10_000n,
      },
    ]);
  });

  it("lists every problem at once and parses nothing bad", () => {
    const r = validateDipCases(
      "2027Q1",
      [
        { ...group, cases: -3 },
        { ...group, groupCode: "X", cases: 1.5 },
        { ...group, groupCode: "Y", dipFundYuan: "200" },
        { ...group, groupCode: "Z", fundPrepaidYuan: "-1" },
        { ...group, groupCode: "Y" },
      ],
      now,
    );
    expect(r.problems.map((p) => p.field)).toEqual([
      "quarter",
      "groups[0].cases",
      "groups[1].cases",
      "groups[2].dipFundYuan",
      "groups[3].fundPrepaidYuan",
      "groups[4].groupCode",
    ]);
    expect(r.parsed.map((p) => p.groupCode)).toEqual(["Y"]);
  });

  it("needs at least one group", () => {
    expect(validateDipCases("2024Q1", [], now).problems).toEqual([
      { field: "groups", message: "at least one group must be reported" },
    ]);
  });
});

describe("validateDeductions", () => {
  it("refuses negative amounts and duplicates", () => {
    const r = validateDeductions([
      { institutionId: "a", deductionYuan: "-5" },
      { institutionId: "b", deductionYuan: "12.34" },
      { institutionId: "b", deductionYuan: "1" },
    ]);
    expect(r.problems.map((p) => p.field)).toEqual([
      "deductions[0].deductionYuan",
      "deductions[2].institutionId",
    ]);
    expect([...r.parsed]).toEqual([["b", 1234n]]);
  });
});

describe("pooling areas and configuration", () => {
  it("pools counties in their city", () => {
    expect(poolingAreaOf("150724")).toBe("150700");
    expect(poolingAreaOf("430671")).toBe("430600");
    expect(poolingAreaOf("150700")).toBe("150700");
    expect(canSeePool("150724", "150700")).toBe(true); // a county sees its city's pool
    expect(canSeePool("150000", "150700")).toBe(true);
    expect(canSeePool("430600", "150700")).toBe(false);
    expect(canSeePool(null, "150700")).toBe(false);
  });

  it("pools a municipality municipally and a county directly under its province on its own, as @hsa/regions does", () => {
    expect(poolingAreaOf("110105")).toBe("110000"); // 朝阳区 → 北京市
    expect(poolingAreaOf("500229")).toBe("500000"); // 城口县 → 重庆市
    expect(poolingAreaOf("429004")).toBe("429004"); // 仙桃市 (省直管)
    for (const m of MUNICIPALITIES) {
      for (const u of reportingUnits(m)) expect(poolingAreaOf(u.code)).toBe(poolingArea(u.code));
    }
    // a pooling-area argument: a city, a municipality, a 省直管 county; never a district or a province
    expect(["150700", "110000", "429004", "441900"].filter(isPool)).toEqual([
      "150700",
      "110000",
      "429004",
      "441900",
    ]);
    expect(["110105", "150724", "430000", "000000"].filter(isPool)).toEqual([]);
    expect(canSeePool("110105", "110000")).toBe(true); // a district sees its municipality's pool
  });

  it("loads the demo in pools the regions package recognises: every demo pool is the pool of its counties", () => {
    const expected = new Set<string>();
    for (const u of reportingUnits("000000")) expected.add(poolingArea(u.code));
    expect(new Set(paymentDemoPools())).toEqual(expected);
    expect(paymentDemoPools().every(isPool)).toBe(true);
  });

  it("listens on PAYMENT_REFORM_PORT (the documented variable), else 4003", () => {
    expect(modulePort(paymentModule, { PAYMENT_REFORM_PORT: "5003" })).toBe(5003);
    expect(modulePort(paymentModule, { PAYMENT_PORT: "5004" })).toBe(4003);
    expect(modulePort(paymentModule, {})).toBe(4003);
  });

  it("has the five KPIs of issue 5 with their targets", () => {
    expect(
      Object.fromEntries(paymentMetrics.map((m) => [m.id, [m.unit, m.target, m.higherIsBetter]])),
    ).toEqual({
      "payment.dip_point_value": ["元", null, true],
      "payment.dip_coverage": ["%", 100, true],
      "payment.dip_fund_share": ["%", 70, true],
      "payment.comprehensive_group_rate": ["%", 15, false],
      "payment.budget_execution": ["%", 100, true],
    });
  });
});
