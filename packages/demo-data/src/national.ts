import { quarterEnd, quarterIndex, quarterRange, quarterStart } from "@hsa/periods";
import { getRegion, poolingArea, type Region, reportingUnits } from "@hsa/regions";
import { demoEnrollment } from "./enrollment";
import { vbpBatches } from "./procurement";
import { between, seededRandom } from "./random";
import { type InstitutionFacts, unitInstitutions } from "./supervision";

/**
 * The national synthetic dataset for scale tests and benchmarks: every county-level division of the
 * country, 2015Q1–2024Q4, all four domains, deterministic (seeded per county), generated county by
 * county as table rows ready for a bulk load (COPY), so memory stays flat whatever the volume.
 *
 * Per county: enrollment figures per quarter; the designated-institution registry in realistic
 * numbers (the demo's registry: county hospitals, township health centres, clinics, pharmacies and
 * village clinics, ≈100 per county); their inspections and dispositions; drug purchases of every
 * institution and consumables of hospitals and clinics per quarter; VBP agreements and progress of
 * hospitals; DIP case aggregates of DIP hospitals; global budgets of each pool (city) and hospital.
 * `density` keeps that share of each county's institutions (1 = the whole registry).
 */
export const NATIONAL_FROM = "2015Q1";
export const NATIONAL_TO = "2024Q4";

export * from "./national-tables";

import { type Cell, NATIONAL_TABLES, type NationalRows, type NationalTable } from "./national-tables";

export interface NationalOptions {
  /** Region whose counties are generated (default the nation). */
  scope?: string;
  from?: string;
  to?: string;
  /** Share of each county's institution registry kept, (0, 1] (default 1). */
  density?: number;
}

const BY = "national-demo";
const KINDS = ["ROUTINE", "SPECIAL", "FLYING", "CROSS"] as const;
const FINDING: Record<(typeof KINDS)[number], string> = {
  ROUTINE: "日常巡查",
  SPECIAL: "专项检查：违规收费",
  FLYING: "飞行检查：虚构医疗服务",
  CROSS: "交叉检查：超限定范围用药",
};
const DISPOSITIONS = ["INTERVIEW", "RECOVERY", "REFUSAL", "DEDUCTION", "PENALTY", "SELF_CORRECTION"] as const;
const DIP_GROUPS: [string, "CORE" | "COMPREHENSIVE", number][] = [
  ["J18.9-CORE", "CORE", 620],
  ["I63.9-CORE", "CORE", 1180],
  ["K80.1-CORE", "CORE", 940],
  ["Z51.1-COMP", "COMPREHENSIVE", 410],
];
const SCALE_YUAN: Record<string, [number, number]> = {
  "HOSPITAL:III": [8_000_000, 25_000_000],
  "HOSPITAL:II": [600_000, 1_800_000],
  "HOSPITAL:I": [80_000, 400_000],
  CLINIC: [20_000, 100_000],
  PHARMACY: [10_000, 60_000],
  VILLAGE_CLINIC: [2_000, 10_000],
};
const scaleOf = (i: InstitutionFacts): [number, number] =>
  SCALE_YUAN[i.kind === "HOSPITAL" ? `HOSPITAL:${i.grade}` : i.kind] ?? [100_000, 500_000];
const fen = (yuan: number) => BigInt(Math.round(yuan * 100));
const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** The unit's DIP pool: @hsa/regions' one definition (a municipality pools municipally). */
function poolOf(unit: Region): string {
  return poolingArea(unit.code);
}

function emptyRows(): NationalRows {
  return Object.fromEntries(Object.keys(NATIONAL_TABLES).map((t) => [t, []])) as unknown as NationalRows;
}

/**
 * Generates the national dataset county by county: `onCounty` receives each county's rows (every
 * table) and may write them out before the next county is generated. Serial ids (inspections,
 * dispositions, budgets) are numbered from 1 across the whole run. Returns the row counts.
 */
export async function generateNational(
  opts: NationalOptions,
  onCounty: (rows: NationalRows, unit: Region) => Promise<void> | void,
): Promise<Record<NationalTable, number>> {
  const from = opts.from ?? NATIONAL_FROM;
  const to = opts.to ?? NATIONAL_TO;
  const density = opts.density ?? 1;
  const quarters = quarterRange(from, to);
  const years = [...new Set(quarters.map((q) => Number(q.slice(0, 4))))];
  const counts = Object.fromEntries(Object.keys(NATIONAL_TABLES).map((t) => [t, 0])) as Record<
    NationalTable,
    number
  >;
  let inspectionId = 0;
  let dispositionId = 0;
  let budgetId = 0;
  const poolsDone = new Set<string>();
  for (const unit of reportingUnits(opts.scope ?? "000000")) {
    const rows = emptyRows();
    const pool = poolOf(unit);

    for (const f of demoEnrollment({ scope: unit.code, from, to })) {
      // The demo's trends run from 2021: clamp what an early quarter would push below zero.
      const activated = Math.max(0, f.evoucherActivated);
      const settlementsEvoucher = Math.min(f.settlementsTotal, Math.max(0, f.settlementsEvoucher));
      rows["enrollment.quarterly_report"].push([
        f.regionCode,
        f.quarter,
        f.insuredEmployee,
        f.insuredResident,
        f.registeredPopulation,
        activated,
        f.settlementsTotal,
        settlementsEvoucher,
        f.remoteRegistrations,
        f.remoteHospitalisations,
        f.subsidisedPersons,
        f.subsidyAmountFen,
        BY,
      ]);
    }

    const registry = unitInstitutions(unit);
    const kept =
      density >= 1 ? registry : registry.filter((i) => seededRandom(`national:keep:${i.id}`)() < density);
    for (const i of kept) {
      rows["supervision.institution"].push([
        i.id,
        i.name,
        i.kind,
        i.grade,
        i.ownership,
        i.regionCode,
        i.agreementStatus,
        i.agreementStart,
        i.agreementEnd,
      ]);
    }

    for (const inst of kept) {
      const r = seededRandom(`national:${inst.id}`);
      const [lo, hi] = scaleOf(inst);
      const base = between(r, lo, hi);
      const networkBase = between(r, 0.8, 0.95);
      const consumables = inst.kind === "HOSPITAL" || inst.kind === "CLINIC";
      for (const quarter of quarters) {
        const t = quarterIndex(quarter) - quarterIndex(from);
        const qr = seededRandom(`national:${inst.id}:${quarter}`);
        // purchases
        const cats: [string, number][] = [["DRUG", 1]];
        if (consumables) cats.push(["CONSUMABLE_SEPARATE", 0.35], ["CONSUMABLE_NON_SEPARATE", 0.2]);
        for (const [category, share] of cats) {
          const total = fen(base * share * between(qr, 0.85, 1.15) * (1 + 0.005 * t));
          const netShare =
            Math.min(0.995, networkBase + 0.003 * t + between(qr, -0.03, 0.02)) -
            (category === "CONSUMABLE_NON_SEPARATE" ? 0.25 : 0);
          const network = (total * BigInt(Math.round(Math.max(0.3, netShare) * 10_000))) / 10_000n;
          const reported = ((total - network) * BigInt(Math.round(between(qr, 0, 0.6) * 10_000))) / 10_000n;
          rows["procurement.purchase"].push([
            inst.id,
            inst.regionCode,
            quarter,
            category,
            total,
            network,
            reported,
            BY,
          ]);
        }
        // inspections: about one per institution every two years; a third with dispositions
        if (qr() < 0.12) {
          const start = quarterStart(quarter).getTime();
          const day = new Date(start + Math.floor(qr() * 89) * 86_400_000);
          const inspectedOn = isoDate(day);
          const within =
            inspectedOn >= inst.agreementStart &&
            (inst.agreementEnd === null || inspectedOn <= inst.agreementEnd);
          if (within) {
            const kind = KINDS[Math.floor(qr() * KINDS.length)] ?? "ROUTINE";
            inspectionId += 1;
            rows["supervision.inspection"].push([
              inspectionId,
              inst.id,
              inst.regionCode,
              inspectedOn,
              quarter,
              kind,
              FINDING[kind],
              BY,
            ]);
            if (qr() < 0.3) {
              const dk = DISPOSITIONS[Math.floor(qr() * DISPOSITIONS.length)] ?? "INTERVIEW";
              dispositionId += 1;
              rows["supervision.disposition"].push([
                dispositionId,
                inspectionId,
                dk,
                dk === "INTERVIEW" ? null : fen(between(qr, 0.002, 0.02) * base),
                "",
              ]);
            }
          }
        }
      }
    }

    // VBP agreements and progress of hospitals (progress is per product and quarter: where two
    // agreement years meet in a quarter, its volume is one row)
    const progress = new Map<string, Cell[]>();
    for (const inst of kept) {
      if (inst.kind !== "HOSPITAL") continue;
      const r = seededRandom(`national:vbp:${inst.id}`);
      const [lo, hi] = scaleOf(inst);
      const size = (lo + hi) / 2 / 1_000_000;
      const pace = r() < 0.12 ? between(r, 0.35, 0.7) : between(r, 0.85, 1.3);
      for (const batch of vbpBatches) {
        for (const product of batch.products) {
          for (const [start, end] of batch.years) {
            const agreed = Math.max(100, Math.round(size * between(r, 800, 2500)));
            const startQ = quarterOfIso(start);
            rows["procurement.vbp_agreement"].push([
              inst.id,
              inst.regionCode,
              product.id,
              start,
              end,
              startQ,
              agreed,
            ]);
            const endQ = quarterOfIso(end);
            for (const quarter of quarterRange(startQ, endQ)) {
              if (quarterIndex(quarter) < quarterIndex(from) || quarterIndex(quarter) > quarterIndex(to))
                continue;
              const days = (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;
              const s = Math.max(quarterStart(quarter).getTime(), Date.parse(start));
              const e = Math.min(quarterEnd(quarter).getTime(), Date.parse(end));
              const share = e < s ? 0 : ((e - s) / 86_400_000 + 1) / days;
              const key = `${inst.id}|${product.id}|${quarter}`;
              const volume = Math.round(agreed * share * pace * between(r, 0.9, 1.1));
              const row = progress.get(key);
              if (row) row[4] = Number(row[4]) + volume;
              else progress.set(key, [inst.id, inst.regionCode, product.id, quarter, volume, BY]);
            }
          }
        }
      }
    }

    rows["procurement.vbp_progress"].push(...progress.values());

    // DIP: hospitals that are not terminated; grade II/III always settled by DIP, a third of grade I
    const dip = kept.filter(
      (i) =>
        i.kind === "HOSPITAL" &&
        i.agreementStatus !== "TERMINATED" &&
        (i.grade !== "I" || seededRandom(`national:dip:${i.id}`)() < 0.35),
    );
    const firstYear = years[0] ?? 2015;
    const spentBy = new Map<string, bigint>(); // institution:quarter → inpatient fund
    for (const inst of dip) {
      const grade = inst.grade ?? "I";
      const since = Math.max(firstYear, Number(inst.agreementStart.slice(0, 4)));
      rows["payment.dip_institution"].push([inst.id, inst.regionCode, pool, grade, since]);
      const coefficient = grade === "III" ? 1 : grade === "II" ? 0.88 : 0.7;
      const size = grade === "III" ? 900 : grade === "II" ? 320 : 60;
      const yuanPerPoint = grade === "III" ? 9.5 : grade === "II" ? 8.2 : 6.8;
      for (const quarter of quarters) {
        if (Number(quarter.slice(0, 4)) < since) continue;
        const qr = seededRandom(`national:dip:${inst.id}:${quarter}`);
        let quarterFund = 0n;
        for (const [code, type, score] of DIP_GROUPS) {
          const cases = Math.max(1, Math.round((size / DIP_GROUPS.length) * between(qr, 0.6, 1.4)));
          const points = cases * score * coefficient;
          const inpatient = fen(points * yuanPerPoint * between(qr, 0.95, 1.1));
          const dipFund = (inpatient * BigInt(Math.round(between(qr, 0.7, 0.85) * 10_000))) / 10_000n;
          quarterFund += inpatient;
          rows["payment.dip_case_aggregate"].push([
            inst.id,
            inst.regionCode,
            pool,
            quarter,
            code,
            type,
            cases,
            score.toFixed(4),
            coefficient.toFixed(4),
            points.toFixed(4),
            (dipFund * 9n) / 10n,
            dipFund,
            inpatient,
            BY,
          ]);
        }
        spentBy.set(`${inst.id}:${quarter}`, quarterFund);
      }
    }
    // Global budgets: one per DIP hospital and year (spend per quarter); the pool's once per city.
    for (const inst of dip) {
      for (const year of years) {
        const yq = quarters.filter((q) => q.startsWith(String(year)));
        const spent = yq.map((q) => spentBy.get(`${inst.id}:${q}`) ?? 0n);
        const total = spent.reduce((a, b) => a + b, 0n);
        if (total === 0n) continue;
        budgetId += 1;
        const r = seededRandom(`national:budget:${inst.id}:${year}`);
        rows["payment.global_budget"].push([
          budgetId,
          "INSTITUTION",
          pool,
          inst.regionCode,
          `${inst.id}-${year}`,
          `${inst.name}${year}年总额预算`,
          year,
          (total * BigInt(Math.round(between(r, 950, 1080)))) / 1000n,
          "0.6000",
          "0.4000",
          BY,
        ]);
        yq.forEach((q, k) => {
          rows["payment.global_budget_spend"].push([budgetId, q, spent[k] ?? 0n, BY]);
        });
      }
    }
    if (!poolsDone.has(pool)) {
      poolsDone.add(pool);
      const poolRegion = getRegion(pool);
      for (const year of years) {
        budgetId += 1;
        const r = seededRandom(`national:pool:${pool}:${year}`);
        rows["payment.global_budget"].push([
          budgetId,
          "POOL",
          pool,
          pool,
          `${pool}-POOL-${year}`,
          `${poolRegion?.name ?? pool}${year}年DIP统筹基金预算`,
          year,
          fen(between(r, 2e8, 2e9)),
          "0.0000",
          "0.0000",
          BY,
        ]);
      }
    }

    for (const t of Object.keys(rows) as NationalTable[]) counts[t] += rows[t].length;
    await onCounty(rows, unit);
  }
  return counts;
}

function quarterOfIso(iso: string): string {
  const month = Number(iso.slice(5, 7));
  return `${iso.slice(0, 4)}Q${Math.ceil(month / 3)}`;
}
