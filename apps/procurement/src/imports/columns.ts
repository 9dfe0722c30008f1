import type { ColumnSpec } from "@hsa/reporting";
import type { Category } from "../db/schema";

/** Column layouts of the procurement CSV imports. */
export const INSTITUTION_COLUMN: ColumnSpec = {
  key: "institutionId",
  zh: "机构编码",
  aliases: ["institution_id", "institution", "定点医药机构编码", "机构代码"],
  type: { kind: "text", maxLength: 40 },
  help: "定点医药机构编码 as registered in supervision, e.g. 150724-H-001 (its first six digits are its county)",
};

export const INSTITUTION_NAME_COLUMN: ColumnSpec = {
  key: "institutionName",
  zh: "机构名称",
  aliases: ["institution_name", "name"],
  type: { kind: "text", maxLength: 200 },
  optional: true,
  help: "name, for people reading the file (not checked)",
};

export const QUARTER_COLUMN: ColumnSpec = {
  key: "quarter",
  zh: "季度",
  aliases: ["period"],
  type: { kind: "quarter" },
  help: "YYYYQn, e.g. 2024Q1 (not in the future)",
};

export const CATEGORY_VALUES: Record<string, Category> = {
  药品: "DRUG",
  可单独收费医用耗材: "CONSUMABLE_SEPARATE",
  不可单独收费医用耗材: "CONSUMABLE_NON_SEPARATE",
  DRUG: "DRUG",
  CONSUMABLE_SEPARATE: "CONSUMABLE_SEPARATE",
  CONSUMABLE_NON_SEPARATE: "CONSUMABLE_NON_SEPARATE",
};

/** The documented CSV layout of purchases (one row per institution, quarter and category). */
export const purchaseColumns: readonly ColumnSpec[] = [
  INSTITUTION_COLUMN,
  INSTITUTION_NAME_COLUMN,
  QUARTER_COLUMN,
  {
    key: "category",
    zh: "采购类别",
    aliases: ["类别"],
    type: { kind: "enum", values: CATEGORY_VALUES },
    help: "药品 / 可单独收费医用耗材 / 不可单独收费医用耗材, or DRUG / CONSUMABLE_SEPARATE / CONSUMABLE_NON_SEPARATE",
  },
  {
    key: "totalYuan",
    zh: "采购总金额（元）",
    aliases: ["total_yuan", "total", "采购总金额"],
    type: { kind: "yuan" },
    help: "all purchases of the category in the quarter, yuan with at most two decimals",
  },
  {
    key: "networkYuan",
    zh: "网采金额（元）",
    aliases: ["network_yuan", "network", "网采金额"],
    type: { kind: "yuan" },
    help: "bought through the provincial platform (网采), yuan",
  },
  {
    key: "reportedOffNetworkYuan",
    zh: "报备网外采购金额（元）",
    aliases: ["reported_off_network_yuan", "reported_off_network", "报备网外采购金额", "网外报备金额"],
    type: { kind: "yuan" },
    optional: true,
    help: "bought off the platform but reported (报备), yuan; empty = 0. Network + reported ≤ total",
  },
];

/** The documented CSV layout of VBP progress (one row per institution, product and quarter). */
export const vbpProgressColumns: readonly ColumnSpec[] = [
  INSTITUTION_COLUMN,
  INSTITUTION_NAME_COLUMN,
  {
    key: "productId",
    zh: "集采产品编码",
    aliases: ["product_id", "product", "产品编码"],
    type: { kind: "text", maxLength: 60 },
    help: "a winning product of a VBP batch (Query.vbpBatches), e.g. national-7-01; the institution needs an agreement for it in force in the quarter",
  },
  QUARTER_COLUMN,
  {
    key: "purchasedVolume",
    zh: "采购量",
    aliases: ["purchased_volume", "volume", "实际采购量"],
    type: { kind: "int" },
    help: "volume bought in the quarter, in the product's unit (whole number ≥ 0)",
  },
];
