// The entry forms the dashboard makes from the layouts the graph answers for facts with more than
// flat fields: an inspection with its dispositions (supervision: a child collection), DIP cases
// (payment: a row per disease group), and a layout of repeated rows in general.
import { describe, expect, it } from "vitest";
import { formFromLayout } from "../src/lib/form-layout";
import { buildForms, formById, quarterOfDate, type Values, validateForm } from "../src/lib/forms";
import type { LayoutField, ReportLayout } from "../src/lib/layouts";
import { DECLARED } from "./layouts";

const ctx = { quarter: "2025Q1", today: "2026-11-23" };
const FORMS = buildForms(DECLARED);

describe("forms made from layouts with rows", () => {
  it("checks an inspection's date against the quarter and its dispositions' amounts", () => {
    // the form supervision's declared layout makes (its dispositions as the layout's children)
    const f = formById(FORMS, "inspections");
    if (!f?.rows) throw new Error("no inspection form with dispositions");
    expect(f.domain).toBe("supervision");
    expect(f.fields.map((x) => [x.key, x.kind, x.source])).toEqual([
      ["institutionId", "text", "institutions"],
      ["inspectedOn", "date", undefined],
      ["kind", "select", undefined],
      ["findings", "text", undefined],
    ]);
    expect(f.rows.fields.map((x) => [x.key, x.zh])).toEqual([
      ["kind", "处理方式"],
      ["amountYuan", "金额"],
      ["note", "说明"],
    ]);
    expect(quarterOfDate("2025-03-31")).toBe("2025Q1");
    const v = {
      institutionId: "150724-H-001",
      inspectedOn: "2025-04-02",
      kind: "ROUTINE",
      findings: "超标准收费",
    };
    const rows: Values[] = [{ kind: "INTERVIEW", amountYuan: "10" }, { kind: "RECOVERY" }];
    expect(validateForm(f, v, rows, ctx).map((p) => p.field)).toEqual([
      "inspectedOn",
      "rows.0.amountYuan",
      "rows.1.amountYuan",
    ]);
    const ok = validateForm(
      f,
      { ...v, inspectedOn: "2025-02-03" },
      [{ kind: "INTERVIEW" }, { kind: "RECOVERY", amountYuan: "433000" }],
      ctx,
    );
    expect(ok).toEqual([]);
    expect(
      validateForm(f, { ...v, inspectedOn: "2026-11-24" }, [], { ...ctx, quarter: "2026Q4" })[0]?.zh,
    ).toBe("检查日期不能晚于今天");
    // saved in one call: the request id as the idempotency key, the rows as its dispositions
    expect(
      f.save.variables({ ...v, inspectedOn: "2025-02-03" }, [{ kind: "RECOVERY", amountYuan: "433000" }], {
        unit: "150724",
        quarter: "2025Q1",
        requestId: "req-1",
      }),
    ).toEqual({
      input: {
        requestId: "req-1",
        institutionId: "150724-H-001",
        inspectedOn: "2025-02-03",
        kind: "ROUTINE",
        findings: "超标准收费",
        dispositions: [{ kind: "RECOVERY", amountYuan: "433000.00", note: null }],
      },
    });
  });

  it("makes a form of repeated rows when a layout reports one fact per row of a non-enum field", () => {
    // a DIP-cases-like layout, as the graph would answer it once payment declares its fact
    const f = (name: string, kind: string, extra: Partial<LayoutField> = {}): LayoutField => ({
      name,
      kind: kind as LayoutField["kind"],
      graphqlType: kind === "COUNT" ? "Int!" : "String!",
      inInput: true,
      headerZh: name,
      headerEn: name,
      aliases: [],
      labelZh: name,
      labelEn: name,
      unit: null,
      unitZh: null,
      unitEn: null,
      required: true,
      defaultValue: null,
      min: null,
      max: null,
      decimals: null,
      maxLength: null,
      choices: [],
      refersTo: null,
      clientKey: false,
      helpZh: "",
      helpEn: "",
      ...extra,
    });
    const layout: ReportLayout = {
      fact: "dip-cases",
      titleZh: "DIP 病例汇总",
      titleEn: "DIP cases",
      mutation: "reportDipCases",
      inputType: null,
      groupBy: "groupCode",
      groupList: "groups",
      importKind: "dip-cases",
      key: ["institutionId", "groupCode", "quarter"],
      fields: [
        f("institutionId", "TEXT", { refersTo: "Institution" }),
        f("quarter", "QUARTER"),
        f("groupCode", "TEXT", { refersTo: "DipGroup", labelZh: "病种" }),
        f("cases", "COUNT"),
        f("dipFundYuan", "YUAN", { labelZh: "DIP 支付基金", required: false, defaultValue: "0.00" }),
        f("inpatientFundYuan", "YUAN", { labelZh: "住院统筹基金", required: false, defaultValue: "0.00" }),
      ],
      rules: [
        {
          field: "dipFundYuan",
          uses: ["dipFundYuan", "inpatientFundYuan"],
          textZh: "",
          textEn: "",
          sum: ["dipFundYuan"],
          atMost: ["inpatientFundYuan"],
          check: "AT_MOST",
          whenField: null,
          whenValues: [],
        },
      ],
      quarterFrom: null,
      children: null,
    };
    const form = formFromLayout("payment", layout);
    if (!form?.rows) throw new Error("no rows form");
    expect(form.fields.map((x) => [x.key, x.source])).toEqual([["institutionId", "institutions"]]);
    expect(form.rows.fields.map((x) => [x.key, x.source])).toEqual([
      ["groupCode", "dipGroups"],
      ["cases", undefined],
      ["dipFundYuan", undefined],
      ["inpatientFundYuan", undefined],
    ]);
    const v = { institutionId: "150724-H-001" };
    const rows: Values[] = [
      { groupCode: "A01", cases: "3", dipFundYuan: "10", inpatientFundYuan: "9" },
      { groupCode: "A01", cases: "1" },
    ];
    expect(validateForm(form, v, rows, ctx).map((p) => [p.field, p.zh])).toEqual([
      ["rows.0.dipFundYuan", "DIP 支付基金（10.00）不能大于住院统筹基金（9.00）"],
      ["rows.1.groupCode", "与第 1 行病种重复"],
    ]);
    expect(
      form.save.variables(v, [rows[0] ?? {}], { unit: "150724", quarter: "2025Q1", requestId: "x" }),
    ).toEqual({
      input: {
        institutionId: "150724-H-001",
        quarter: "2025Q1",
        groups: [{ groupCode: "A01", cases: 3, dipFundYuan: "10.00", inpatientFundYuan: "9.00" }],
      },
    });
  });

  it("builds the DIP cases form from payment's declared layout (no hand-written copy)", () => {
    const f = formById(FORMS, "dip-cases");
    if (!f?.rows) throw new Error("no DIP cases form with rows");
    expect(f.domain).toBe("payment");
    expect(f.fields.map((x) => [x.key, x.source])).toEqual([["institutionId", "institutions"]]);
    expect(f.rows.fields.map((x) => [x.key, x.zh, x.source])).toEqual([
      ["groupCode", "病种", "dipGroups"],
      ["cases", "病例数", undefined],
      ["fundPrepaidYuan", "预付金额", undefined],
      ["dipFundYuan", "DIP基金支付金额", undefined],
      ["inpatientFundYuan", "住院统筹基金支付金额", undefined],
    ]);
    const v = { institutionId: "150724-H-001" };
    const rows: Values[] = [
      { groupCode: "A01", cases: "3", dipFundYuan: "10", inpatientFundYuan: "9" },
      { groupCode: "A01", cases: "1" },
    ];
    expect(validateForm(f, v, rows, ctx).map((p) => [p.field, p.zh])).toEqual([
      ["rows.0.dipFundYuan", "DIP基金支付金额（10.00）不能大于住院统筹基金支付金额（9.00）"],
      ["rows.1.groupCode", "与第 1 行病种重复"],
    ]);
    expect(
      f.save.variables(v, [rows[1] ?? {}], { unit: "150724", quarter: "2025Q1", requestId: "x" }),
    ).toEqual({
      input: {
        institutionId: "150724-H-001",
        quarter: "2025Q1",
        groups: [
          {
            groupCode: "A01",
            cases: 1,
            fundPrepaidYuan: "0.00",
            dipFundYuan: "0.00",
            inpatientFundYuan: "0.00",
          },
        ],
      },
    });
  });
});
