// One institution's DIP cases of one group in one quarter, declared once: reportDipCases (per group)
// and the CSV import `dip-cases` (POST /import/dip-cases) write through it. Points, score,
// coefficient, group type and pool are derived from the pool's catalogue (dip-derive.ts).
import { fenToYuan } from "@hsa/db";
import { getRegion } from "@hsa/regions";
import { defineFact, type FactValues, field, type ImportCheck } from "@hsa/reporting";
import type { Tx } from "../db/queries";
import { type CoefficientGrade, dipCaseAggregate, dipInstitution } from "../db/schema";
import { checkDipCaseRows } from "./dip-derive";
import { closedYearLock } from "./locks";

/** The county an institution id belongs to: ids are "<county>-<H|P|C|V>-<nnn>" (e.g. 150724-H-001). */
export function countyOfInstitution(id: string): string | null {
  const m = /^(\d{6})-/.exec(id);
  return m ? (m[1] as string) : null;
}

export const INSTITUTION_COLUMN = "机构编码";
export const GROUP_COLUMN = "病种编码";

const yuan = (zh: string, en: string, aliases: string[], help: string, helpZh: string) =>
  field.yuan({ zh, en, aliases, help, helpZh, optional: true, fallback: 0n });

const yearOf = (quarter: string) => Number(String(quarter).slice(0, 4));

/** Eligible inpatient institutions, registered on their first DIP report (first year reported), as before. */
async function registerInstitutions(tx: Tx, facts: readonly FactValues[]) {
  const first = new Map<string, typeof dipInstitution.$inferInsert>();
  for (const f of facts) {
    const id = String(f.institutionId);
    const known = first.get(id);
    if (!known || known.sinceYear > yearOf(String(f.quarter)))
      first.set(id, {
        institutionId: id,
        regionCode: String(f.regionCode),
        poolingArea: String(f.poolingArea),
        grade: f.grade as CoefficientGrade,
        sinceYear: yearOf(String(f.quarter)),
      });
  }
  const list = [...first.values()];
  for (let i = 0; i < list.length; i += 1_000)
    await tx
      .insert(dipInstitution)
      .values(list.slice(i, i + 1_000))
      .onConflictDoNothing();
}

/** The import's own checks need supervision (the registry): bound to its URL by `dipCaseImportCheck`. */
export const dipCaseImportCheck =
  (supervisionUrl: string): ImportCheck =>
  (db, rows, actor) =>
    checkDipCaseRows(db, supervisionUrl, rows, actor);

export const dipCaseFact = defineFact({
  kind: "dip-cases",
  noun: "DIP case report",
  title: {
    zh: "DIP 病例汇总（机构 × 病种 × 季度）",
    en: "DIP case aggregates (institution × group × quarter)",
  },
  table: dipCaseAggregate,
  fields: {
    institutionId: field.text({
      zh: INSTITUTION_COLUMN,
      aliases: ["institution_id", "定点医疗机构编码", "医疗机构编码", "机构代码"],
      maxLength: 40,
      en: "Institution",
      labelZh: "定点医疗机构",
      refersTo: "Institution",
      help: "institution id in the supervision registry, e.g. 150724-H-001 (it starts with the county code); an inpatient hospital",
      helpZh: "监管登记的机构编码，如 150724-H-001（以县级区划代码开头）；须为住院医疗机构",
    }),
    institutionName: field.text({
      zh: "机构名称",
      aliases: ["institution_name", "医疗机构名称"],
      maxLength: 100,
      optional: true,
      csvOnly: true,
      help: "name, for people reading the file (not checked)",
    }),
    quarter: field.quarter({
      zh: "季度",
      aliases: ["period"],
      help: "YYYYQn, e.g. 2024Q1 (not in the future; its year's settlement must not be closed)",
    }),
    groupCode: field.text({
      zh: GROUP_COLUMN,
      aliases: ["group_code", "DIP病种编码", "病种分值编码", "dip_group"],
      maxLength: 40,
      en: "Disease group",
      labelZh: "病种",
      refersTo: "DipGroup",
      help: "DIP group code of the pool's catalogue for the quarter's year (see dipGroups)",
      helpZh: "统筹区当年病种目录中的编码",
    }),
    groupName: field.text({
      zh: "病种名称",
      aliases: ["group_name"],
      maxLength: 200,
      optional: true,
      csvOnly: true,
      help: "name, for people reading the file (not checked)",
    }),
    cases: field.count({
      zh: "病例数",
      aliases: ["case_count", "例数"],
      unit: "cases",
      en: "Cases",
      help: "discharged cases of the group in the quarter (≥ 0); points = cases × group score × grade coefficient are computed by the server",
      helpZh: "本季度该病种出院病例数（整数）；点数由服务端按病种分值与系数计算",
    }),
    fundPrepaidYuan: yuan(
      "预付金额（元）",
      "Fund prepaid",
      ["fund_prepaid_yuan", "预付金额", "预付基金（元）"],
      "fund prepaid (预付) for these cases, yuan with at most two decimals; empty or absent = 0",
      "元，最多两位小数；空 = 0",
    ),
    dipFundYuan: yuan(
      "DIP基金支付金额（元）",
      "Fund paid by DIP",
      ["dip_fund_yuan", "DIP基金支付金额", "DIP支付金额（元）"],
      "inpatient fund paid by DIP for these cases, yuan (≤ the inpatient fund); empty or absent = 0",
      "元，不超过住院统筹基金支付金额；空 = 0",
    ),
    inpatientFundYuan: yuan(
      "住院统筹基金支付金额（元）",
      "All inpatient fund",
      ["inpatient_fund_yuan", "住院统筹基金支付金额", "住院基金支付金额（元）"],
      "all inpatient fund paid for these cases, yuan; empty or absent = 0",
      "元；空 = 0",
    ),
  },
  key: ["institutionId", "quarter", "groupCode"],
  region: "regionCode",
  quarter: "quarter",
  regionFrom: {
    field: "institutionId",
    of: (f) => {
      const county = countyOfInstitution(String(f.institutionId));
      return county && getRegion(county) ? county : null;
    },
    problem: (f) => {
      const county = countyOfInstitution(String(f.institutionId));
      return county
        ? `${f.institutionId}: 未知的区划代码 ${county} / unknown institution (its county code ${county} does not exist)`
        : `"${f.institutionId}" 不是机构编码（应以县级区划代码开头，如 150724-H-001）/ not an institution id like 150724-H-001`;
    },
  },
  derived: ["poolingArea", "groupType", "score", "coefficient", "points"],
  rules: [
    {
      field: "dipFundYuan",
      sum: ["dipFundYuan"],
      atMost: ["inpatientFundYuan"],
      message: (f) => ({
        zh: "DIP基金支付金额不能大于住院统筹基金支付金额",
        en: `${f.groupCode}: DIP-paid fund (${fenToYuan(f.dipFundFen as bigint)}) exceeds all inpatient fund (${fenToYuan(f.inpatientFundFen as bigint)})`,
      }),
    },
  ],
  // A closed settlement year locks its quarters (new rows and stored rows moved out of them).
  locks: [closedYearLock],
  beforeWrite: (tx, facts) => registerInstitutions(tx, facts),
  stamp: (actor, now) => ({ reportedBy: actor.sub, updatedAt: now }),
  audit: {
    values: ["cases", "points", "fundPrepaidFen", "dipFundFen", "inpatientFundFen"],
    entityKey: (f) => `dip_case:${f.institutionId}:${f.quarter}:${f.groupCode}`,
  },
  // reportDipCases (hand-written: it derives points from the pool's catalogue) reports one fact per
  // disease group of one institution and quarter: the layout's forms repeat a row per group
  writtenBy: { mutation: "reportDipCases", groupBy: { field: "groupCode", list: "groups" } },
  import: { action: "importDipCases", moves: "refuse" },
});

/** The documented CSV layout of DIP case aggregates (one row per institution, DIP group and quarter). */
export const dipCaseColumns = dipCaseFact.columns;
