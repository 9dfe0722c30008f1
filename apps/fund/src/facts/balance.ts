import { fenToYuan } from "@hsa/db";
import { defineFact } from "@hsa/reporting";
import { type FundBalanceRow, fundBalance } from "../db/schema";
import { quarter, regionCode, regionName, reportTypeSDL, rowToGraphQL, scheme, stamp, yuan } from "./common";

const fields = {
  regionCode,
  regionName,
  quarter,
  scheme,
  incomeYuan: yuan("基金收入", "fund income in the quarter (for a city-pooled fund: 统收上解收入)", [
    "income_yuan",
    "统收上解收入",
  ]),
  expenditureYuan: yuan("基金支出", "fund expenditure in the quarter (统支)", [
    "expenditure_yuan",
    "统支支出",
  ]),
  accumulatedBalanceYuan: yuan("累计结余", "accumulated balance at the quarter's end", [
    "accumulated_balance_yuan",
    "滚存结余",
  ]),
};

/**
 * One pooling area's fund income and expenditure of one scheme in one quarter (基金收支):
 * reportFundBalance and POST /import/fund-balance, declared once. The current balance
 * (当期结余) is income − expenditure, never reported apart.
 */
export const fundBalanceFact = defineFact({
  kind: "fund-balance",
  noun: "fund income and expenditure report",
  title: {
    zh: "基金收支（统筹区 × 险种 × 季度）",
    en: "Fund income and expenditure (pooling area × scheme × quarter)",
  },
  table: fundBalance,
  fields,
  key: ["regionCode", "quarter", "scheme"],
  region: "regionCode",
  quarter: "quarter",
  stamp,
  mutation: {
    name: "reportFundBalance",
    inputType: "FundBalanceInput",
    inputDoc:
      "某统筹区（上报单位）某险种某季度的基金收支（全部字段必填；金额为元，最多两位小数）。One pooling area's fund income and expenditure of one scheme for one quarter (every field required; yuan with at most two decimals).",
    doc: [
      "上报某统筹区某险种某季度的基金收支（需 reporter 角色，地区在权限范围内；已审核的季度须先退回）。幂等：相同数据再次上报不产生变化；数据变更记入审计（旧值 → 新值）。",
      "Reports one pooling area's fund income and expenditure of one scheme for one quarter (role reporter, region in scope).",
      "Idempotent: the same figures again change nothing; changed figures are audited (old → new).",
    ].join("\n"),
    argDoc: "上报的数据。The figures reported.",
    payloadType: "ReportFundBalancePayload",
    payload: (row, changed) => ({ report: fundBalanceToGraphQL(row as FundBalanceRow), changed }),
  },
  import: { action: "importFundBalance" },
});

export const fundBalanceToGraphQL = (row: FundBalanceRow) => {
  const out = rowToGraphQL(row);
  const balance = row.incomeFen - row.expenditureFen;
  return {
    ...out,
    currentBalanceYuan: `${balance < 0n ? "-" : ""}${fenToYuan(balance < 0n ? -balance : balance)}`,
  };
};

export const fundBalanceSDL = reportTypeSDL(
  "FundBalanceReport",
  "某统筹区某险种某季度的基金收支。One pooling area's fund income and expenditure of one scheme for one quarter.",
  fields,
  { name: "ReportFundBalancePayload", mutation: "reportFundBalance" },
).replace(
  '  "最近一次上报人。',
  '  "当期结余 = 基金收入 − 基金支出（元，可为负）。Current balance = income − expenditure (yuan, may be negative)."\n  currentBalanceYuan: String!\n  "最近一次上报人。',
);
