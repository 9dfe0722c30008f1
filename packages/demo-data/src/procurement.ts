import { quarterEnd, quarterIndex, quarterRange, quarterStart } from "@hsa/periods";
import { between, seededRandom } from "./random";
import { demoInstitutions, type InstitutionFacts, quarterOfDate } from "./supervision";

export type PurchaseCategory = "DRUG" | "CONSUMABLE_SEPARATE" | "CONSUMABLE_NON_SEPARATE";

/** One institution's purchases of one category in one quarter, in fen (procurement's purchase row). */
export interface PurchaseFacts {
  institutionId: string;
  regionCode: string;
  quarter: string;
  category: PurchaseCategory;
  totalFen: bigint;
  networkFen: bigint;
  reportedOffNetworkFen: bigint;
}

export interface VbpBatchFacts {
  id: string;
  name: string;
  level: "NATIONAL" | "PROVINCIAL" | "ALLIANCE";
  /**
   * winning products (中选产品); `priceFen` is the 中选价 per unit (integer fen): completion weights
   * each agreement by its agreed amount (agreed volume × this price)
   */
  products: { id: string; name: string; unit: string; priceFen: number }[];
  /** agreement years: [start, end] "YYYY-MM-DD" */
  years: [string, string][];
}

export interface VbpAgreementFacts {
  institutionId: string;
  regionCode: string;
  productId: string;
  startDate: string;
  endDate: string;
  startQuarter: string;
  agreedVolume: number;
}

export interface VbpProgressFacts {
  institutionId: string;
  regionCode: string;
  productId: string;
  quarter: string;
  purchasedVolume: number;
}

export interface ProcurementDemo {
  purchases: PurchaseFacts[];
  batches: VbpBatchFacts[];
  agreements: VbpAgreementFacts[];
  progress: VbpProgressFacts[];
}

/**
 * 鄂温克族自治旗 2023Q1 (seed 000): the county's purchases, spread over its institutions so the
 * county sums are exactly these (yuan): 网采率 drugs 97.12%, separately chargeable consumables
 * 91.46%, non-separately chargeable 57.56%.
 */
export const procurementSeedFacts = {
  regionCode: "150724",
  quarter: "2023Q1",
  totals: {
    DRUG: { total: 8_748_900_00n, network: 8_143_100_00n, reported: 353_800_00n },
    CONSUMABLE_SEPARATE: { total: 2_980_300_00n, network: 2_725_900_00n, reported: 0n },
    CONSUMABLE_NON_SEPARATE: { total: 1_985_700_00n, network: 1_142_900_00n, reported: 0n },
  } satisfies Record<PurchaseCategory, { total: bigint; network: bigint; reported: bigint }>,
} as const;

/**
 * The demo's VBP batches. Prices are illustrative 中选价 in the range such products won at (about
 * a jiao a tablet or capsule, about two yuan a vial of ceftriaxone, tens of yuan a TCM injection), fixed per
 * product so every load — demo, national bench, and migration 0009's backfill of older databases —
 * gives the same amounts.
 */
export const vbpBatches: VbpBatchFacts[] = [
  {
    id: "national-7",
    name: "国家第七批",
    level: "NATIONAL",
    products: [
      { id: "national-7-01", name: "恩替卡韦片 0.5mg", unit: "片", priceFen: 18 },
      { id: "national-7-02", name: "阿托伐他汀钙片 20mg", unit: "片", priceFen: 12 },
    ],
    years: [
      ["2022-11-01", "2023-10-31"],
      ["2023-11-01", "2024-10-31"],
    ],
  },
  {
    id: "national-8",
    name: "国家第八批",
    level: "NATIONAL",
    products: [
      { id: "national-8-01", name: "头孢曲松钠注射剂 1g", unit: "支", priceFen: 186 },
      { id: "national-8-02", name: "奥美拉唑肠溶胶囊 20mg", unit: "粒", priceFen: 11 },
    ],
    years: [["2023-07-01", "2024-06-30"]],
  },
  {
    id: "alliance-tcm-2023",
    name: "全国中成药联盟集采",
    level: "ALLIANCE",
    products: [{ id: "alliance-tcm-2023-01", name: "血塞通注射剂", unit: "支", priceFen: 2350 }],
    years: [["2023-04-01", "2024-03-31"]],
  },
];

/**
 * Quarterly drug purchases in yuan by kind and grade, calibrated on the seed: 鄂温克族自治旗
 * (≈15万 people; grade II and I hospitals, pharmacies, village clinics) bought 8,748,900 yuan of
 * drugs in 2023Q1, so its synthetic quarters come out near that rather than ten times higher.
 */
const SCALE_YUAN: Record<string, [number, number]> = {
  "HOSPITAL:III": [8_000_000, 25_000_000],
  "HOSPITAL:II": [600_000, 1_800_000],
  "HOSPITAL:I": [80_000, 400_000],
  "HOSPITAL:null": [100_000, 500_000],
  CLINIC: [20_000, 100_000],
  PHARMACY: [10_000, 60_000],
  VILLAGE_CLINIC: [2_000, 10_000],
};

function scaleOf(i: InstitutionFacts): [number, number] {
  return SCALE_YUAN[i.kind === "HOSPITAL" ? `HOSPITAL:${i.grade}` : i.kind] ?? [100_000, 500_000];
}

const fen = (yuan: number) => BigInt(Math.round(yuan * 100));

/** Splits an exact fen amount over weights; the parts add up to the amount exactly. */
function split(amount: bigint, weights: number[]): bigint[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const parts = weights.map((w) => (amount * BigInt(Math.round((w / sum) * 1e9))) / 1_000_000_000n);
  const rest = amount - parts.reduce((a, b) => a + b, 0n);
  parts[parts.length - 1] = (parts[parts.length - 1] ?? 0n) + rest;
  return parts;
}

/**
 * Deterministic procurement demo: purchases of every demo institution (supervision's registry)
 * 2021Q1–2024Q4 — drugs for all, consumables for hospitals and clinics — with the seed figures of
 * 鄂温克族自治旗 2023Q1 placed exactly, and VBP agreements with quarterly progress for hospitals
 * (屈原管理区's hospitals above 200% of their agreed volume, as its 2022 report says).
 */
export function demoProcurement(opts: { scope?: string; from?: string; to?: string } = {}): ProcurementDemo {
  const institutions = demoInstitutions(opts.scope);
  const quarters = quarterRange(opts.from ?? "2021Q1", opts.to ?? "2024Q4");
  const purchases: PurchaseFacts[] = [];
  const seed = procurementSeedFacts;
  for (const inst of institutions) {
    const r = seededRandom(`procurement:${inst.id}`);
    const [lo, hi] = scaleOf(inst);
    const base = between(r, lo, hi);
    const networkBase = between(r, 0.82, 0.96);
    const buysConsumables = inst.kind === "HOSPITAL" || inst.kind === "CLINIC";
    for (const quarter of quarters) {
      if (inst.regionCode === seed.regionCode && quarter === seed.quarter) continue; // placed below
      const t = quarterIndex(quarter) - quarterIndex("2021Q1");
      const qr = seededRandom(`procurement:${inst.id}:${quarter}`);
      const cats: [PurchaseCategory, number][] = [["DRUG", 1]];
      if (buysConsumables) cats.push(["CONSUMABLE_SEPARATE", 0.35], ["CONSUMABLE_NON_SEPARATE", 0.2]);
      for (const [category, share] of cats) {
        const total = fen(base * share * between(qr, 0.85, 1.15) * (1 + 0.01 * t));
        const networkShare =
          Math.min(0.995, networkBase + 0.008 * t + between(qr, -0.03, 0.02)) -
          (category === "CONSUMABLE_NON_SEPARATE" ? 0.25 : 0);
        const network = (total * BigInt(Math.round(Math.max(0.3, networkShare) * 10_000))) / 10_000n;
        const reported = ((total - network) * BigInt(Math.round(between(qr, 0, 0.6) * 10_000))) / 10_000n;
        purchases.push({
          institutionId: inst.id,
          regionCode: inst.regionCode,
          quarter,
          category,
          totalFen: total,
          networkFen: network,
          reportedOffNetworkFen: reported,
        });
      }
    }
  }
  // The seed: spread each category's county totals over the county's buying institutions.
  if (quarters.includes(seed.quarter)) {
    const county = institutions.filter((i) => i.regionCode === seed.regionCode);
    for (const [category, t] of Object.entries(seed.totals) as [
      PurchaseCategory,
      (typeof seed.totals)["DRUG"],
    ][]) {
      const buyers = county.filter(
        (i) => category === "DRUG" || i.kind === "HOSPITAL" || i.kind === "CLINIC",
      );
      if (buyers.length === 0) continue;
      const weights = buyers.map((i) => between(seededRandom(`procurement:${i.id}`), ...scaleOf(i)));
      const totals = split(t.total, weights);
      const networks = split(t.network, weights);
      const reported = split(t.reported, weights);
      buyers.forEach((inst, k) => {
        purchases.push({
          institutionId: inst.id,
          regionCode: inst.regionCode,
          quarter: seed.quarter,
          category,
          totalFen: totals[k] ?? 0n,
          networkFen: networks[k] ?? 0n,
          reportedOffNetworkFen: reported[k] ?? 0n,
        });
      });
    }
  }

  const agreements: VbpAgreementFacts[] = [];
  const progress: VbpProgressFacts[] = [];
  const inRange = new Set(quarters);
  for (const inst of institutions) {
    if (inst.kind !== "HOSPITAL") continue;
    const r = seededRandom(`vbp:${inst.id}`);
    const [lo, hi] = scaleOf(inst);
    const size = (lo + hi) / 2 / 1_000_000; // millions of yuan a quarter
    const pace =
      inst.regionCode === "430671"
        ? between(r, 2.05, 2.4)
        : r() < 0.12
          ? between(r, 0.35, 0.7)
          : between(r, 0.85, 1.3);
    for (const batch of vbpBatches) {
      for (const product of batch.products) {
        for (const [start, end] of batch.years) {
          const agreed = Math.max(100, Math.round(size * between(r, 800, 2500)));
          const startQuarter = quarterOfDate(start);
          agreements.push({
            institutionId: inst.id,
            regionCode: inst.regionCode,
            productId: product.id,
            startDate: start,
            endDate: end,
            startQuarter,
            agreedVolume: agreed,
          });
          for (const quarter of quarterRange(startQuarter, quarterOfDate(end))) {
            if (!inRange.has(quarter)) continue;
            const share = overlapShare(quarter, start, end);
            const qr = seededRandom(`vbp:${inst.id}:${product.id}:${start}:${quarter}`);
            progress.push({
              institutionId: inst.id,
              regionCode: inst.regionCode,
              productId: product.id,
              quarter,
              purchasedVolume: Math.round(agreed * share * pace * between(qr, 0.9, 1.1)),
            });
          }
        }
      }
    }
  }
  return { purchases, batches: vbpBatches, agreements, progress };
}

/** Share of an agreement year that falls in a quarter (by days). */
function overlapShare(quarter: string, start: string, end: string): number {
  const day = 86_400_000;
  const s = Math.max(quarterStart(quarter).getTime(), Date.parse(`${start}T00:00:00Z`));
  const e = Math.min(quarterEnd(quarter).getTime(), Date.parse(`${end}T00:00:00Z`));
  const total = (Date.parse(`${end}T00:00:00Z`) - Date.parse(`${start}T00:00:00Z`)) / day + 1;
  return e < s ? 0 : ((e - s) / day + 1) / total;
}
