import { fenToYuan, yuanToFen } from "@hsa/db";
import { describe, expect, it } from "vitest";
import { validateReport } from "../src";

const good = {
  regionCode: "150724",
  quarter: "2024Q3",
  insuredEmployee: 1,
  insuredResident: 2,
  registeredPopulation: 3,
  evoucherActivated: 1,
  settlementsTotal: 5,
  settlementsEvoucher: 4,
  remoteRegistrations: 1,
  remoteHospitalisations: 1,
  subsidisedPersons: 0,
  subsidyAmountYuan: "0",
};
const now = new Date("2026-11-23T12:00:00Z");

describe("money in fen", () => {
  it("parses yuan with up to two decimals exactly", () => {
    expect(yuanToFen("971700")).toBe(97_170_000n);
    expect(yuanToFen("0.1")).toBe(10n);
    expect(yuanToFen("123456789012.34")).toBe(12_345_678_901_234n);
    for (const bad of ["-1", "1.234", "1e5", "", "abc", "1,000"]) expect(yuanToFen(bad)).toBeNull();
    expect(fenToYuan(12_345_678_901_234n)).toBe("123456789012.34");
    expect(fenToYuan(5n)).toBe("0.05");
  });
});

describe("validateReport", () => {
  it("accepts a plausible county report", () => {
    expect(validateReport(good, now)).toEqual([]);
  });
  it("lists every problem at once, by field", () => {
    const problems = validateReport(
      {
        ...good,
        regionCode: "150700",
        quarter: "2027Q1",
        insuredResident: -1,
        settlementsEvoucher: 9,
        subsidyAmountYuan: "x",
      },
      now,
    );
    expect(problems.map((p) => p.field).sort()).toEqual(
      ["insuredResident", "quarter", "regionCode", "settlementsEvoucher", "subsidyAmountYuan"].sort(),
    );
  });
  it("allows the current quarter and cities without counties (东莞)", () => {
    expect(validateReport({ ...good, quarter: "2026Q4" }, now)).toEqual([]);
    expect(validateReport({ ...good, regionCode: "441900" }, now)).toEqual([]);
  });
});
