import { auditTable, reportingTables } from "@hsa/reporting/tables";
import { sql } from "drizzle-orm";
import {
  bigint,
  check,
  date,
  index,
  integer,
  numeric,
  pgSchema,
  primaryKey,
  text,
  timestamp,
  varchar,
} from "drizzle-orm/pg-core";

/** Everything of this subgraph lives in its own PostgreSQL schema. */
export const procurement = pgSchema("procurement");

/** DRUG 药品, CONSUMABLE_SEPARATE 可单独收费医用耗材, CONSUMABLE_NON_SEPARATE 不可单独收费医用耗材. */
export const CATEGORIES = ["DRUG", "CONSUMABLE_SEPARATE", "CONSUMABLE_NON_SEPARATE"] as const;
export type Category = (typeof CATEGORIES)[number];

/**
 * One institution's purchases of one category in one quarter (a flow), in integer fen: the total,
 * what went through the provincial platform (网采) and what was bought off it but reported (报备).
 * `region_code` is the institution's county, kept here so roll-ups never leave this schema.
 */
export const purchase = procurement.table(
  "purchase",
  {
    institutionId: text("institution_id").notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    category: varchar("category", { length: 32 }).$type<Category>().notNull(),
    totalFen: bigint("total_fen", { mode: "bigint" }).notNull(),
    networkFen: bigint("network_fen", { mode: "bigint" }).notNull(),
    reportedOffNetworkFen: bigint("reported_off_network_fen", { mode: "bigint" }).notNull(),
    reportedBy: text("reported_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.quarter, t.category] }),
    index("purchase_region_quarter_idx").on(t.regionCode, t.quarter),
    // National and province roll-ups of a few quarters: scan those quarters only.
    index("purchase_quarter_region_idx").on(t.quarter, t.regionCode),
    check(
      "purchase_amounts",
      sql`${t.networkFen} >= 0 and ${t.reportedOffNetworkFen} >= 0 and ${t.networkFen} + ${t.reportedOffNetworkFen} <= ${t.totalFen}`,
    ),
    check(
      "purchase_category",
      sql`${t.category} in ('DRUG', 'CONSUMABLE_SEPARATE', 'CONSUMABLE_NON_SEPARATE')`,
    ),
  ],
);

/**
 * `purchase` summed per county, quarter and category, kept exact by the database itself: statement
 * triggers on `purchase` (migration 0005) add every INSERT/UPDATE/DELETE's delta (COPY included) in
 * the same transaction and empty it on TRUNCATE. National and province roll-ups read ≈3,000 counties
 * × quarters × 3 categories here instead of millions of institution rows. A key whose last row goes
 * is deleted, so the table always equals `select … from purchase group by region_code, quarter, category`.
 */
export const purchaseSummary = procurement.table(
  "purchase_summary",
  {
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    category: varchar("category", { length: 32 }).$type<Category>().notNull(),
    totalFen: bigint("total_fen", { mode: "bigint" }).notNull(),
    networkFen: bigint("network_fen", { mode: "bigint" }).notNull(),
    reportedOffNetworkFen: bigint("reported_off_network_fen", { mode: "bigint" }).notNull(),
    /** purchase rows summed here; a key whose count falls to 0 is deleted */
    rowCount: integer("row_count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.quarter, t.category] })],
);

/** A volume-based procurement batch (集采批次), e.g. 国家第七批. */
export const vbpBatch = procurement.table("vbp_batch", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** NATIONAL / PROVINCIAL / ALLIANCE */
  level: varchar("level", { length: 16 }).$type<"NATIONAL" | "PROVINCIAL" | "ALLIANCE">().notNull(),
});

/**
 * A winning product (中选产品) of a batch, with its 中选价 (agreed unit price, integer fen). VBP
 * completion weights every agreement by its agreed amount, agreed volume × `price_fen` (migration
 * 0009), so volumes counted in different units (片, 支, 粒) are never added. A renewal at a new price
 * is a new product of the renewal batch; changing a price re-weights all its agreements (a trigger
 * refreshes `vbp_summary`).
 */
export const vbpProduct = procurement.table(
  "vbp_product",
  {
    id: text("id").primaryKey(),
    batchId: text("batch_id")
      .notNull()
      .references(() => vbpBatch.id),
    name: text("name").notNull(),
    /** the unit volumes are counted in, e.g. 片, 支 */
    unit: text("unit").notNull(),
    /** 中选价: agreed price per unit, integer fen (migration 0009) */
    priceFen: bigint("price_fen", { mode: "number" }).notNull(),
  },
  (t) => [index("vbp_product_batch_idx").on(t.batchId), check("vbp_product_price", sql`${t.priceFen} >= 0`)],
);

/**
 * The agreed volume (约定采购量) of one product for one institution over one agreement year.
 * Completion is cumulative from `start_date` and compared with elapsed time (序时进度).
 */
export const vbpAgreement = procurement.table(
  "vbp_agreement",
  {
    institutionId: text("institution_id").notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    productId: text("product_id")
      .notNull()
      .references(() => vbpProduct.id),
    startDate: date("start_date", { mode: "string" }).notNull(),
    endDate: date("end_date", { mode: "string" }).notNull(),
    /** quarter of start_date, so cumulative sums filter on the progress table's quarter column */
    startQuarter: varchar("start_quarter", { length: 6 }).notNull(),
    agreedVolume: bigint("agreed_volume", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.productId, t.startDate] }),
    index("vbp_agreement_region_idx").on(t.regionCode, t.startDate),
    check("vbp_agreement_volume", sql`${t.agreedVolume} > 0 and ${t.endDate} > ${t.startDate}`),
  ],
);

/** Volume of a VBP product an institution purchased in a quarter (a flow). */
export const vbpProgress = procurement.table(
  "vbp_progress",
  {
    institutionId: text("institution_id").notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    productId: text("product_id")
      .notNull()
      .references(() => vbpProduct.id),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    purchasedVolume: bigint("purchased_volume", { mode: "number" }).notNull(),
    reportedBy: text("reported_by").notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.institutionId, t.productId, t.quarter] }),
    // VBP completion of a region: its progress rows only.
    index("vbp_progress_region_quarter_idx").on(t.regionCode, t.quarter),
    check("vbp_progress_volume", sql`${t.purchasedVolume} >= 0`),
  ],
);

/**
 * VBP completion per county and quarter, as `vbpSums` computes it from the agreements, their
 * products' 中选价 and their progress — amounts at agreed prices, integer fen: agreed amount (agreed
 * volume × price) and cumulative purchased amount (purchased volume × price) of the agreements in
 * force, Σ 序时进度 × agreed amount, institutions with agreements, institutions behind schedule —
 * kept by the database: statement triggers on `vbp_agreement`, `vbp_progress` (migration 0007) and
 * price changes on `vbp_product` (0009) recompute the counties a statement touches, in the same
 * transaction. A county-quarter without agreements in force has no row.
 */
export const vbpSummary = procurement.table(
  "vbp_summary",
  {
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    quarter: varchar("quarter", { length: 6 }).notNull(),
    /** Σ agreed volume × 中选价 (fen, migration 0009) */
    agreedFen: bigint("agreed_fen", { mode: "number" }).notNull(),
    /** Σ purchased volume since each agreement's start × 中选价 (fen) */
    purchasedFen: bigint("purchased_fen", { mode: "number" }).notNull(),
    institutions: integer("institutions").notNull(),
    behind: integer("behind").notNull(),
    /** Σ elapsed share of each agreement's own year × its agreed amount (fen; 0008, weighted by amount since 0009) */
    elapsedAgreedFen: numeric("elapsed_agreed_fen").notNull(),
  },
  (t) => [primaryKey({ columns: [t.regionCode, t.quarter] })],
);

export type PurchaseRow = typeof purchase.$inferSelect;
export type VbpProgressRow = typeof vbpProgress.$inferSelect;

/** The reporting workflow (approval state per county and quarter, its history, imports): @hsa/reporting. */
export const { reportState, reportEvent, reportImport } = reportingTables(procurement);

/** Who changed which figure when (old → new): the one audit shape of @hsa/reporting. */
export const auditEvent = auditTable(procurement);
