/** The payment-reform form: DIP cases (按病种分值付费). */
import { ReportDipCasesDocument } from "../gql/graphql";
import { textOf } from "./documents";
import {
  count,
  type FormSpec,
  INSTITUTION,
  type Problem,
  parseCount,
  parseYuan,
  u,
  yuan,
  yuanToFen,
} from "./form-core";

export const dipForm: FormSpec = {
  id: "dip",
  fact: "dip-cases",
  domain: "payment",
  zh: "DIP 病例汇总（机构 × 病种 × 季度）",
  en: "DIP cases (institution × disease group × quarter)",
  fields: [INSTITUTION],
  rows: {
    zh: "病种",
    en: "disease groups",
    min: 1,
    addZh: "添加病种",
    addEn: "Add a disease group",
    fields: [
      {
        key: "groupCode",
        zh: "病种",
        en: "Disease group",
        kind: "text",
        source: "dipGroups",
      },
      count("cases", "病例数", "Cases", u("例", "cases")),
      yuan("fundPrepaidYuan", "预付基金", "Fund prepaid", true),
      yuan("dipFundYuan", "DIP 支付基金", "Fund paid by DIP", true),
      yuan("inpatientFundYuan", "住院统筹基金", "All inpatient fund", true),
    ],
  },
  check(_v, rows) {
    const problems: Problem[] = [];
    const seen = new Map<string, number>();
    rows.forEach((r, i) => {
      const code = (r.groupCode ?? "").trim();
      const first = seen.get(code);
      if (first !== undefined)
        problems.push({
          field: `rows.${i}.groupCode`,
          zh: `与第 ${first + 1} 行病种重复`,
          en: `The same group as row ${first + 1}`,
        });
      else seen.set(code, i);
      const dip = yuanToFen(parseYuan(r.dipFundYuan || "0") ?? "0");
      const all = yuanToFen(parseYuan(r.inpatientFundYuan || "0") ?? "0");
      if (dip > all)
        problems.push({
          field: `rows.${i}.dipFundYuan`,
          zh: "DIP 支付基金不能大于住院统筹基金",
          en: "The DIP fund cannot exceed all inpatient fund",
        });
    });
    return problems;
  },
  load: null,
  save: {
    doc: textOf(ReportDipCasesDocument),
    variables: (v, rows, ctx) => ({
      input: {
        institutionId: v.institutionId?.trim(),
        quarter: ctx.quarter,
        groups: rows.map((r) => ({
          groupCode: r.groupCode?.trim(),
          cases: parseCount(r.cases ?? ""),
          fundPrepaidYuan: parseYuan(r.fundPrepaidYuan || "0"),
          dipFundYuan: parseYuan(r.dipFundYuan || "0"),
          inpatientFundYuan: parseYuan(r.inpatientFundYuan || "0"),
        })),
      },
    }),
  },
};
