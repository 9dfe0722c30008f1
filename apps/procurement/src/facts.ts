import { fenToYuan } from "@hsa/db";
import { defineFact, type FactValues, field } from "@hsa/reporting";
import { type Category, purchase, vbpProgress } from "./db/schema";

/**
 * The county (reporting unit) of an institution id: supervision assigns ids as
 * `<county code>-<H|P|C|V>-<nnn>` (registerInstitution, and the demo data), e.g. 150724-H-001 → 150724.
 */
export function institutionCounty(id: string): string | null {
  const m = /^(\d{6})-/.exec(id);
  return m ? (m[1] as string) : null;
}

const institutionId = field.text({
  zh: "机构编码",
  aliases: ["institution_id", "institution", "定点医药机构编码", "机构代码"],
  maxLength: 40,
  graphqlType: "ID",
  refersTo: "Institution",
  en: "Institution",
  labelZh: "定点医药机构",
  help: "定点医药机构编码 as registered in supervision, e.g. 150724-H-001 (its first six digits are its county)",
  helpZh: "定点医药机构编码，如 150724-H-001（前六位为所在县）",
});
const institutionName = field.text({
  zh: "机构名称",
  aliases: ["institution_name", "name"],
  maxLength: 200,
  optional: true,
  csvOnly: true,
  en: "Institution name",
  help: "name, for people reading the file (not checked)",
  helpZh: "便于阅读，不校验",
});
const quarter = field.quarter({
  zh: "季度",
  aliases: ["period"],
  en: "Quarter",
  help: "YYYYQn, e.g. 2024Q1 (not in the future)",
  helpZh: "YYYYQn，如 2025Q1，不能是未来季度",
});

/** The county of a row: the institution id's first six digits (supervision checks the rest). */
const regionFrom = {
  field: "institutionId",
  of: (f: FactValues) => institutionCounty(String(f.institutionId)),
  problem: (f: FactValues) =>
    `机构编码应以 6 位县级区划代码开头，如 150724-H-001 / an institution id like 150724-H-001 (got "${f.institutionId}")`,
};

const stamp = (actor: { sub: string }, now: Date) => ({ reportedBy: actor.sub, updatedAt: now });

export const CATEGORY_VALUES: Record<string, Category> = {
  药品: "DRUG",
  可单独收费医用耗材: "CONSUMABLE_SEPARATE",
  不可单独收费医用耗材: "CONSUMABLE_NON_SEPARATE",
  DRUG: "DRUG",
  CONSUMABLE_SEPARATE: "CONSUMABLE_SEPARATE",
  CONSUMABLE_NON_SEPARATE: "CONSUMABLE_NON_SEPARATE",
};

/** One institution's purchases of one category in a quarter: reportPurchases (per item) and POST /import/purchases. */
export const purchaseFact = defineFact({
  kind: "purchases",
  noun: "purchase report",
  title: {
    zh: "药品耗材采购（机构季度报表）",
    en: "Purchases of drugs and consumables (institution, quarter)",
  },
  table: purchase,
  fields: {
    institutionId,
    institutionName,
    quarter,
    category: field.oneOf({
      zh: "采购类别",
      aliases: ["类别"],
      graphqlType: "PurchaseCategory",
      labels: CATEGORY_VALUES,
      names: {
        DRUG: { zh: "药品", en: "Drugs" },
        CONSUMABLE_SEPARATE: { zh: "可单独收费医用耗材", en: "Separately chargeable consumables" },
        CONSUMABLE_NON_SEPARATE: { zh: "不可单独收费医用耗材", en: "Non-separately chargeable consumables" },
      },
      en: "Category",
      helpZh: "药品 / 可单独收费医用耗材 / 不可单独收费医用耗材",
      help: "药品 / 可单独收费医用耗材 / 不可单独收费医用耗材, or DRUG / CONSUMABLE_SEPARATE / CONSUMABLE_NON_SEPARATE",
    }),
    totalYuan: field.yuan({
      zh: "采购总金额（元）",
      aliases: ["total_yuan", "total", "采购总金额"],
      en: "Total purchases",
      help: "all purchases of the category in the quarter, yuan with at most two decimals",
      helpZh: "本季度该类别采购总额，元，最多两位小数",
    }),
    networkYuan: field.yuan({
      zh: "网采金额（元）",
      aliases: ["network_yuan", "network", "网采金额"],
      en: "Through the platform",
      help: "bought through the provincial platform (网采), yuan",
      helpZh: "通过省级平台采购，元",
    }),
    reportedOffNetworkYuan: field.yuan({
      zh: "报备网外采购金额（元）",
      aliases: ["reported_off_network_yuan", "reported_off_network", "报备网外采购金额", "网外报备金额"],
      optional: true,
      fallback: 0n,
      en: "Reported off-platform",
      help: "bought off the platform but reported (报备), yuan; empty = 0. Network + reported ≤ total",
      helpZh: "空 = 0；网采 + 报备网外 ≤ 采购总金额",
    }),
  },
  key: ["institutionId", "quarter", "category"],
  region: "regionCode",
  quarter: "quarter",
  regionFrom,
  rules: [
    {
      field: "networkYuan",
      sum: ["networkYuan", "reportedOffNetworkYuan"],
      atMost: ["totalYuan"],
      message: (f) => {
        const [total, network, reported] = [f.totalFen, f.networkFen, f.reportedOffNetworkFen] as bigint[];
        return {
          zh: `网采金额 + 报备网外采购金额 (${fenToYuan((network as bigint) + (reported as bigint))}) 不能大于采购总金额 (${fenToYuan(total as bigint)})`,
          en: `${f.category}: network (${fenToYuan(network as bigint)}) + reported off-network (${fenToYuan(reported as bigint)}) exceed the total (${fenToYuan(total as bigint)})`,
        };
      },
    },
  ],
  stamp,
  // audited in audit_event (the default)
  audit: {
    values: ["totalFen", "networkFen", "reportedOffNetworkFen"],
    entityKey: (f) => `purchase:${f.institutionId}:${f.quarter}:${f.category}`,
  },
  writtenBy: { mutation: "reportPurchases", groupBy: { field: "category", list: "items" } },
  import: { action: "importPurchases" },
});

/** One institution's purchased volume of a VBP product in a quarter: reportVbpProgress and POST /import/vbp-progress. */
export const vbpProgressFact = defineFact({
  kind: "vbp-progress",
  noun: "VBP progress report",
  title: {
    zh: "集采约定量执行进度",
    en: "Volume-based procurement progress (institution, product, quarter)",
  },
  table: vbpProgress,
  fields: {
    institutionId,
    institutionName,
    productId: field.text({
      zh: "集采产品编码",
      aliases: ["product_id", "product", "产品编码"],
      maxLength: 60,
      graphqlType: "ID",
      refersTo: "VbpProduct",
      en: "VBP product",
      labelZh: "集采产品",
      helpZh: "中选产品编码，机构须有有效协议",
      help: "a winning product of a VBP batch (Query.vbpBatches), e.g. national-7-01; the institution needs an agreement for it in force in the quarter",
    }),
    quarter,
    purchasedVolume: field.count({
      zh: "采购量",
      aliases: ["purchased_volume", "volume", "实际采购量"],
      en: "Volume purchased",
      labelZh: "本季度采购量",
      unit: "product-units",
      help: "volume bought in the quarter, in the product's unit (whole number ≥ 0)",
      helpZh: "本季度采购量，整数",
    }),
  },
  key: ["institutionId", "productId", "quarter"],
  region: "regionCode",
  quarter: "quarter",
  regionFrom,
  stamp,
  audit: {
    values: ["purchasedVolume"],
    entityKey: (f) => `vbp:${f.institutionId}:${f.productId}:${f.quarter}`,
  },
  writtenBy: { mutation: "reportVbpProgress" },
  import: { action: "importVbpProgress" },
});

export const purchaseColumns = purchaseFact.columns;
export const vbpProgressColumns = vbpProgressFact.columns;
