import { describe, expect, it } from "vitest";
import { fundCatalogue, fundFacts, outpatientPoolingFact, reserveBand } from "../src";
import { fundWorkflow } from "../src/reporting";

const now = new Date("2026-11-23T12:00:00Z");
const pooling = {
  regionCode: "150724",
  quarter: "2024Q3",
  personsYtd: 10,
  visits: 30,
  totalCostYuan: "3000.00",
  inScopeCostYuan: "2700.00",
  fundPaidYuan: "1500.00",
  pharmacyVisits: 10,
  pharmacyTotalCostYuan: "1000.00",
  pharmacyInScopeCostYuan: "900.00",
  pharmacyFundPaidYuan: "500.00",
  institutionVisits: 5,
  institutionTotalCostYuan: "500.00",
  institutionInScopeCostYuan: "450.00",
  institutionFundPaidYuan: "250.00",
};

describe("the fund facts", () => {
  it("label every entry-form field in English, not by its API name (the English dashboard shows them)", () => {
    for (const f of fundFacts) {
      for (const field of f.layout.fields) {
        expect(field.labelEn, `${f.decl.kind}.${field.name}`).not.toBe(field.name);
        expect(field.labelEn, `${f.decl.kind}.${field.name}`).toMatch(/^[A-Z][^\u4e00-\u9fff]*$/);
      }
    }
    const outpatient = outpatientPoolingFact.layout.fields.find((x) => x.name === "pharmacyFundPaidYuan");
    expect(outpatient?.labelEn).toBe("Of which designated retail pharmacies: paid by the fund");
  });

  it("are four import kinds with a mutation each, with Chinese CSV headers", () => {
    expect(fundFacts.map((f) => [f.decl.kind, f.decl.mutation?.name])).toEqual([
      ["fund-balance", "reportFundBalance"],
      ["remote-settlement", "reportRemoteSettlement"],
      ["outpatient-pooling", "reportOutpatientPooling"],
      ["assistance", "reportAssistance"],
    ]);
    expect(fundFacts[0]?.columns.map((c) => c.zh)).toEqual([
      "行政区划代码",
      "行政区划名称",
      "季度",
      "险种",
      "基金收入（元）",
      "基金支出（元）",
      "累计结余（元）",
    ]);
  });

  it("stores money as integer fen", () => {
    expect(outpatientPoolingFact.valuesOf(pooling)).toMatchObject({
      totalCostFen: 300_000n,
      fundPaidFen: 150_000n,
    });
  });

  it("lists every problem of an outpatient pooling report at once: fund paid ≤ cost in scope ≤ total, parts ≤ all", () => {
    expect(outpatientPoolingFact.validate(pooling, now)).toEqual([]);
    const problems = outpatientPoolingFact.validate(
      {
        ...pooling,
        quarter: "2027Q1",
        fundPaidYuan: "2800.00",
        pharmacyInScopeCostYuan: "1100.00",
        institutionVisits: 25,
        totalCostYuan: "1.234",
      },
      now,
    );
    expect(problems.map((p) => p.field).sort()).toEqual(
      ["fundPaidYuan", "pharmacyInScopeCostYuan", "quarter", "totalCostYuan", "visits"].sort(),
    );
  });
});

describe("the band of 累计结余可支付月数", () => {
  it("is 6–9 months unless FUND_RESERVE_MONTHS_BAND says otherwise; a bad band is refused loudly", () => {
    expect(reserveBand({})).toEqual({ low: 6, high: 9 });
    expect(reserveBand({ FUND_RESERVE_MONTHS_BAND: "3, 12" })).toEqual({ low: 3, high: 12 });
    expect(() => reserveBand({ FUND_RESERVE_MONTHS_BAND: "9,6" })).toThrow(/low ≤ high/);
    expect(() => reserveBand({ FUND_RESERVE_MONTHS_BAND: "six" })).toThrow(/FUND_RESERVE_MONTHS_BAND/);
  });
  it("is what the catalogue serves", () => {
    const workflow = fundWorkflow(null as never);
    const m = fundCatalogue({ FUND_RESERVE_MONTHS_BAND: "4,8" }, workflow).find(
      (x) => x.id === "fund.reserve_months",
    );
    expect(m).toMatchObject({ targetRule: "BAND", targetLow: 4, targetHigh: 8, target: 6, unit: "月" });
  });
});
