import { decodeCursor, encodeCursor, pageSize } from "@hsa/subgraph-kit";
import { describe, expect, it } from "vitest";
import {
  chinaToday,
  fenToYuan,
  isIsoDate,
  quarterOfDate,
  validateAgreementChange,
  validateInspection,
  validateInstitution,
  yuanToFen,
} from "../src";

const now = new Date("2026-11-23T12:00:00Z");
const inst = { agreementStart: "2015-03-01" };
const good = {
  institutionId: "150724-H-001",
  inspectedOn: "2023-03-31",
  kind: "SPECIAL" as const,
  findings: "专项检查",
  dispositions: [
    { kind: "RECOVERY" as const, amountYuan: "433000" },
    { kind: "INTERVIEW" as const },
    { kind: "RECOVERY" as const, amountYuan: "433000" },
  ],
};

describe("money in fen", () => {
  it("parses yuan with up to two decimals exactly, without floating point", () => {
    expect(yuanToFen("433000")).toBe(43_300_000n);
    expect(yuanToFen("0.1")).toBe(10n);
    expect(yuanToFen(" 245900.00 ")).toBe(24_590_000n);
    // 0.1 + 0.2 style sums stay exact in fen.
    expect((yuanToFen("0.10") ?? 0n) + (yuanToFen("0.20") ?? 0n)).toBe(30n);
    expect(yuanToFen("999999999999999.99")).toBe(99_999_999_999_999_999n);
    for (const bad of ["-1", "1.234", "1e5", "", "abc", "1,000", "１２"]) expect(yuanToFen(bad)).toBeNull();
    expect(fenToYuan(43_300_050n)).toBe("433000.50");
    expect(fenToYuan(5n)).toBe("0.05");
  });
});

describe("dates", () => {
  it("accepts real calendar dates only and derives the quarter in China time", () => {
    expect(isIsoDate("2024-02-29")).toBe(true);
    for (const bad of ["2023-02-29", "2023-13-01", "2023-1-01", "20230101", "x"])
      expect(isIsoDate(bad)).toBe(false);
    expect(quarterOfDate("2023-03-31")).toBe("2023Q1");
    expect(quarterOfDate("2023-04-01")).toBe("2023Q2");
    expect(quarterOfDate("2022-12-31")).toBe("2022Q4");
    // 16:30 UTC on 30 June is already 1 July in China.
    expect(chinaToday(new Date("2026-06-30T16:30:00Z"))).toBe("2026-07-01");
  });
});

describe("validateInspection", () => {
  it("accepts a plausible inspection, duplicate dispositions included", () => {
    expect(validateInspection(good, inst, now)).toEqual([]);
  });
  it("reports every invalid disposition by index, and the other fields, at once", () => {
    const problems = validateInspection(
      {
        ...good,
        inspectedOn: "2026-11-24",
        findings: " ",
        requestId: "bad id with spaces",
        dispositions: [
          { kind: "RECOVERY", amountYuan: "1.00" },
          { kind: "PENALTY", amountYuan: "1.005" },
          { kind: "INTERVIEW", amountYuan: "5" },
          { kind: "REFUSAL" },
          { kind: "DEDUCTION", amountYuan: "0" },
        ],
      },
      inst,
      now,
    );
    expect(problems.map((p) => p.field)).toEqual([
      "inspectedOn",
      "findings",
      "requestId",
      "dispositions[1].amountYuan",
      "dispositions[2].amountYuan",
      "dispositions[3].amountYuan",
      "dispositions[4].amountYuan",
    ]);
  });
  it("allows today (China time) but not before the agreement started", () => {
    expect(validateInspection({ ...good, inspectedOn: "2026-11-23" }, inst, now)).toEqual([]);
    expect(validateInspection({ ...good, inspectedOn: "2015-02-28" }, inst, now)[0]?.message).toContain(
      "agreement start",
    );
  });
});

describe("institutions and agreements", () => {
  const reg = {
    name: "鄂温克族自治旗人民医院",
    kind: "HOSPITAL" as const,
    grade: "II" as const,
    ownership: "PUBLIC" as const,
    regionCode: "150724",
    agreementStart: "2010-01-01",
  };
  it("needs a reporting unit, a grade only for hospitals and ordered dates", () => {
    expect(validateInstitution(reg)).toEqual([]);
    const problems = validateInstitution({
      ...reg,
      regionCode: "150700",
      kind: "PHARMACY",
      agreementEnd: "2009-12-31",
    });
    expect(problems.map((p) => p.field)).toEqual(["regionCode", "grade", "agreementEnd"]);
  });
  it("needs the termination date of a TERMINATED agreement", () => {
    expect(validateAgreementChange(reg, "TERMINATED", null).map((p) => p.field)).toEqual(["agreementEnd"]);
    expect(validateAgreementChange(reg, "TERMINATED", "2024-06-30")).toEqual([]);
    expect(validateAgreementChange(reg, "SUSPENDED", null)).toEqual([]);
  });
});

describe("keyset cursors and page sizes", () => {
  it("round-trips the key and is bound to its list", () => {
    const c = encodeCursor("inspections:150700:2021Q1:2024Q4", ["2023-03-31", 42]);
    expect(c).toMatch(/^[A-Za-z0-9_-]+$/);
    expect(decodeCursor(c, "inspections:150700:2021Q1:2024Q4", ["string", "number"] as const)).toEqual([
      "2023-03-31",
      42,
    ]);
    const codeOf = (f: () => unknown) => {
      try {
        f();
      } catch (e) {
        return (e as { extensions?: { code?: string } }).extensions?.code;
      }
      return "no error";
    };
    expect(
      codeOf(() => decodeCursor(c, "inspections:430600:2021Q1:2024Q4", ["string", "number"] as const)),
    ).toBe("BAD_USER_INPUT");
    expect(
      codeOf(() => decodeCursor(c, "inspections:150700:2021Q1:2024Q4", ["string", "string"] as const)),
    ).toBe("BAD_USER_INPUT");
    for (const bad of ["", "!!", "e30", Buffer.from("not json").toString("base64url")]) {
      expect(codeOf(() => decodeCursor(bad, "q", ["string"] as const))).toBe("BAD_USER_INPUT");
    }
    expect(pageSize(undefined)).toBe(50);
    expect(pageSize(200)).toBe(200);
    for (const n of [0, -1, 201, 1.5]) expect(codeOf(() => pageSize(n))).toBe("BAD_USER_INPUT");
  });
});
