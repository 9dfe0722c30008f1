// The CSV layout of the `dip-cases` import (one row per institution × DIP group × quarter).
import type { ColumnSpec } from "@hsa/reporting";

/** The county an institution id belongs to: ids are "<county>-<H|P|C|V>-<nnn>" (e.g. 150724-H-001). */
export function countyOfInstitution(id: string): string | null {
  const m = /^(\d{6})-/.exec(id);
  return m ? (m[1] as string) : null;
}

export const INSTITUTION_COLUMN = "机构编码";
export const GROUP_COLUMN = "病种编码";
export const DIP_FUND_COLUMN = "DIP基金支付金额（元）";

/** The documented CSV layout of DIP case aggregates (one row per institution, DIP group and quarter). */
export const dipCaseColumns: readonly ColumnSpec[] = [
  {
    key: "institutionId",
    zh: INSTITUTION_COLUMN,
    aliases: ["institution_id", "定点医疗机构编码", "医疗机构编码", "机构代码"],
    type: { kind: "text", maxLength: 40 },
    help: "institution id in the supervision registry, e.g. 150724-H-001 (it starts with the county code); an inpatient hospital",
  },
  {
    key: "institutionName",
    zh: "机构名称",
    aliases: ["institution_name", "医疗机构名称"],
    type: { kind: "text", maxLength: 100 },
    optional: true,
    help: "name, for people reading the file (not checked)",
  },
  {
    key: "quarter",
    zh: "季度",
    aliases: ["period"],
    type: { kind: "quarter" },
    help: "YYYYQn, e.g. 2024Q1 (not in the future; its year's settlement must not be closed)",
  },
  {
    key: "groupCode",
    zh: GROUP_COLUMN,
    aliases: ["group_code", "DIP病种编码", "病种分值编码", "dip_group"],
    type: { kind: "text", maxLength: 40 },
    help: "DIP group code of the pool's catalogue for the quarter's year (see dipGroups)",
  },
  {
    key: "groupName",
    zh: "病种名称",
    aliases: ["group_name"],
    type: { kind: "text", maxLength: 200 },
    optional: true,
    help: "name, for people reading the file (not checked)",
  },
  {
    key: "cases",
    zh: "病例数",
    aliases: ["case_count", "例数"],
    type: { kind: "int" },
    help: "discharged cases of the group in the quarter (≥ 0); points = cases × group score × grade coefficient are computed by the server",
  },
  {
    key: "fundPrepaidYuan",
    zh: "预付金额（元）",
    aliases: ["fund_prepaid_yuan", "预付金额", "预付基金（元）"],
    type: { kind: "yuan" },
    optional: true,
    help: "fund prepaid (预付) for these cases, yuan with at most two decimals; empty or absent = 0",
  },
  {
    key: "dipFundYuan",
    zh: DIP_FUND_COLUMN,
    aliases: ["dip_fund_yuan", "DIP基金支付金额", "DIP支付金额（元）"],
    type: { kind: "yuan" },
    optional: true,
    help: "inpatient fund paid by DIP for these cases, yuan (≤ the inpatient fund); empty or absent = 0",
  },
  {
    key: "inpatientFundYuan",
    zh: "住院统筹基金支付金额（元）",
    aliases: ["inpatient_fund_yuan", "住院统筹基金支付金额", "住院基金支付金额（元）"],
    type: { kind: "yuan" },
    optional: true,
    help: "all inpatient fund paid for these cases, yuan; empty or absent = 0",
  },
];
