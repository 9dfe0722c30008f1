import { describe, expect, it } from "vitest";
import { defaultRange } from "../src/lib/api";
import {
  buildForms,
  formById,
  formDocuments,
  parseCount,
  parseYuan,
  serverProblems,
  validateForm,
} from "../src/lib/forms";
import { importKinds, NdjsonReader, overallPercent, templateCsv } from "../src/lib/importer";
import {
  countiesOf,
  formatDeadline,
  formatTime,
  operationName,
  reportableQuarters,
  reportingDocuments,
  reportingQueries,
} from "../src/lib/reporting";
import { DECLARED } from "./layouts";

const ctx = { quarter: "2025Q1", today: "2026-11-23" };
// The forms as the entry page builds them from the graph's layouts.
const FORMS = buildForms(DECLARED);
const IMPORT_KINDS = importKinds(DECLARED);
const enrollment = formById(FORMS, "enrollment");
if (!enrollment) throw new Error("no enrollment form");

const goodEnrollment = {
  insuredEmployee: "30000",
  insuredResident: "120,000",
  registeredPopulation: "150000",
  evoucherActivated: "90000",
  settlementsTotal: "5000",
  settlementsEvoucher: "2000",
  remoteRegistrations: "300",
  remoteHospitalisations: "320",
  subsidisedPersons: "1200",
  subsidyAmountYuan: "971700.5",
};

describe("data-entry validation (Chinese messages)", () => {
  it("reads whole numbers and yuan as reporters type them", () => {
    expect(parseCount("1,234")).toBe(1234);
    expect(parseCount(" 0 ")).toBe(0);
    expect(parseCount("-1")).toBeNull();
    expect(parseCount("1.5")).toBeNull();
    expect(parseCount("3000000000")).toBeNull();
    expect(parseYuan("971700.5")).toBe("971700.50");
    expect(parseYuan("1,000")).toBe("1000.00");
    expect(parseYuan("0.001")).toBeNull();
    expect(parseYuan("-3")).toBeNull();
  });

  it("accepts a complete enrollment report and builds the mutation input", () => {
    expect(validateForm(enrollment, goodEnrollment, [], ctx)).toEqual([]);
    const vars = enrollment.save.variables(goodEnrollment, [], {
      unit: "150724",
      quarter: "2025Q1",
      requestId: "x",
    });
    expect(vars).toEqual({
      input: {
        regionCode: "150724",
        quarter: "2025Q1",
        insuredEmployee: 30000,
        insuredResident: 120000,
        registeredPopulation: 150000,
        evoucherActivated: 90000,
        settlementsTotal: 5000,
        settlementsEvoucher: 2000,
        remoteRegistrations: 300,
        remoteHospitalisations: 320,
        subsidisedPersons: 1200,
        subsidyAmountYuan: "971700.50",
      },
    });
  });

  it("lists every problem at once: required, whole numbers ≥ 0, yuan with ≤ 2 decimals", () => {
    const problems = validateForm(
      enrollment,
      { ...goodEnrollment, insuredEmployee: "", insuredResident: "-5", subsidyAmountYuan: "12.345" },
      [],
      ctx,
    );
    expect(problems.map((p) => [p.field, p.zh])).toEqual([
      ["insuredEmployee", "请填写职工医保参保人数"],
      ["insuredResident", "居民医保参保人数须为不小于 0 的整数"],
      ["subsidyAmountYuan", "资助参保金额须为不小于 0 的金额（元），最多两位小数"],
    ]);
  });

  it("refuses more e-voucher settlements than settlements", () => {
    const problems = validateForm(enrollment, { ...goodEnrollment, settlementsEvoucher: "6000" }, [], ctx);
    expect(problems).toEqual([
      {
        field: "settlementsEvoucher",
        zh: "医保电子凭证结算笔数（6000）不能大于结算笔数（5000）",
        en: "E-voucher settlements (6000) cannot exceed all settlements (5000)",
      },
    ]);
  });

  it("checks purchases per category (network + reported ≤ total) and builds the items", () => {
    const f = formById(FORMS, "purchases");
    if (!f) throw new Error("no purchases form");
    const v = {
      institutionId: "150724-H-001",
      "DRUG.totalYuan": "8748900",
      "DRUG.networkYuan": "8143100",
      "DRUG.reportedOffNetworkYuan": "353800",
    };
    expect(validateForm(f, v, [], ctx)).toEqual([]);
    expect(f.save.variables(v, [], { unit: "150724", quarter: "2023Q1", requestId: "x" })).toEqual({
      input: {
        institutionId: "150724-H-001",
        quarter: "2023Q1",
        items: [
          {
            category: "DRUG",
            totalYuan: "8748900.00",
            networkYuan: "8143100.00",
            reportedOffNetworkYuan: "353800.00",
          },
        ],
      },
    });
    const over = validateForm(f, { ...v, "DRUG.reportedOffNetworkYuan": "700000" }, [], ctx);
    expect(over.map((p) => p.field)).toEqual(["DRUG.reportedOffNetworkYuan"]);
    expect(validateForm(f, { institutionId: "150724-H-001" }, [], ctx)[0]?.zh).toBe(
      "请至少填写一类采购类别（药品、可单独收费医用耗材、不可单独收费医用耗材）",
    );
  });

  it("puts the server's problems next to the fields they name", () => {
    const problems = serverProblems(enrollment, [
      { field: "settlementsEvoucher", message: "e-voucher settlements cannot exceed all settlements" },
      { field: "input.regionCode", message: "not a county" },
    ]);
    expect(problems.map((p) => p.field)).toEqual(["settlementsEvoucher", null]);
  });

  it("sends only well-formed, named documents", () => {
    for (const doc of [...formDocuments(DECLARED), ...reportingDocuments()]) {
      expect(doc.split("{").length).toBe(doc.split("}").length);
      expect(doc.split("(").length).toBe(doc.split(")").length);
      expect(operationName(doc)).toMatch(/^\w+$/);
    }
    expect(new Set(FORMS.map((f) => f.domain))).toEqual(
      new Set(["enrollment", "procurement", "supervision", "payment"]),
    );
  });
});

describe("reporting workflow documents", () => {
  it("builds the per-domain operations with the graph's field names", () => {
    expect(reportingQueries.submit("enrollment")).toContain("submitEnrollmentReport(regionCode: $regionCode");
    expect(operationName(reportingQueries.approve("payment"))).toBe("ApprovePaymentReport");
    expect(reportingQueries.states("supervision")).toContain("supervisionReportStates(from: $from, to: $to)");
    expect(() => reportingQueries.states("x{y}")).toThrow();
  });
  it("finds the counties below a scope", () => {
    const tree = {
      code: "150700",
      name: "呼伦贝尔市",
      level: "CITY" as const,
      children: [
        { code: "150702", name: "海拉尔区", level: "COUNTY" as const },
        { code: "150724", name: "鄂温克族自治旗", level: "COUNTY" as const },
      ],
    };
    expect(countiesOf(tree).map((c) => c.code)).toEqual(["150702", "150724"]);
    expect(countiesOf({ code: "150724", name: "鄂温克族自治旗", level: "COUNTY" })).toHaveLength(1);
  });
  it("shows times in China time and lists quarters newest first", () => {
    expect(formatTime("2025-04-15T16:00:00.000Z")).toBe("2025-04-16 00:00");
    expect(formatTime(null)).toBe("—");
    // 2025Q1 is due by 2025-04-15 24:00 China time.
    expect(formatDeadline("2025-04-15T16:00:00.000Z")).toBe("2025-04-15");
    const qs = reportableQuarters(new Date("2026-11-23T00:00:00Z"));
    expect(qs[0]).toBe("2026Q4");
    expect(qs.at(-1)).toBe("2018Q1");
  });
});

describe("CSV import client", () => {
  it("reads NDJSON lines as they arrive, across chunk boundaries", () => {
    const r = new NdjsonReader();
    let text = '{"type":"progress","phase":"upload","done":1,"total":2}\n{"type":"pro';
    expect(r.feed(text)).toEqual([{ type: "progress", phase: "upload", done: 1, total: 2 }]);
    text += 'gress","phase":"parse","done":0,"total":0}\n{"type":"result","ok":true}';
    expect(r.feed(text)).toEqual([{ type: "progress", phase: "parse", done: 0, total: 0 }]);
    expect(r.rest(text)).toEqual([{ type: "result", ok: true }]);
  });
  it("weighs the phases into one bar", () => {
    expect(overallPercent({ phase: "upload", done: 0, total: 100 })).toBe(0);
    expect(overallPercent({ phase: "upload", done: 100, total: 100 })).toBe(40);
    expect(overallPercent({ phase: "write", done: 100, total: 100 })).toBe(100);
    expect(overallPercent({ phase: "validate", done: 10, total: 10 }, true)).toBe(100);
  });
  it("offers a template with the Chinese headers for every kind", () => {
    expect(IMPORT_KINDS.map((k) => k.kind)).toEqual([
      "enrollment",
      "remote-registration",
      "purchases",
      "vbp-progress",
      "dip-cases",
      "inspections",
    ]);
    // inspections: the inspection's columns, then a disposition's (one row per disposition)
    const inspections = IMPORT_KINDS.find((k) => k.kind === "inspections");
    expect(inspections?.columns.map((col) => col.zh)).toEqual([
      "检查编号",
      "机构编码",
      "机构名称",
      "行政区划代码",
      "检查日期",
      "检查类型",
      "检查发现",
      "处理方式",
      "金额（元）",
      "处理说明",
    ]);
    expect(inspections?.noteZh).toContain("每行一项处理处罚，检查编号相同的各行为同一条");
    const enrollmentKind = IMPORT_KINDS[0];
    if (!enrollmentKind) throw new Error("no kinds");
    expect(templateCsv(enrollmentKind)).toMatch(
      /^\uFEFF行政区划代码,行政区划名称,季度,职工医保参保人数,.*\r\n$/,
    );
  });
});

describe("default range from every domain's latest quarter", () => {
  // That 报表完整率/及时率 (a value for every ended quarter) do not count is the graph's rule
  // (Query.<domain>LatestQuarter: packages/subgraph-kit/test/latest.test.ts, and the browser test).
  it("asks every domain in one request; a domain that is down does not decide the range", async () => {
    const real = globalThis.fetch;
    const sent: { query: string; variables: Record<string, unknown> }[] = [];
    globalThis.fetch = (async (_url: string, init: RequestInit) => {
      sent.push(JSON.parse(String(init.body)));
      return new Response(
        JSON.stringify({
          data: { enrollment: "2024Q4", procurement: null, supervision: "2026Q3" },
          errors: [{ message: "procurement is down", extensions: { code: "SUBGRAPH_UNAVAILABLE" } }],
        }),
        { headers: { "content-type": "application/json" } },
      );
    }) as typeof fetch;
    try {
      const range = await defaultRange("t", ["enrollment", "supervision", "procurement"], "150700");
      expect(range).toEqual({ from: "2024Q1", to: "2024Q4" });
      expect(sent).toHaveLength(1);
      expect(sent[0]?.variables).toEqual({ code: "150700" });
      for (const d of ["enrollment", "procurement", "supervision"])
        expect(sent[0]?.query).toContain(`${d}: ${d}LatestQuarter(region: $code)`);
    } finally {
      globalThis.fetch = real;
    }
  });
});
