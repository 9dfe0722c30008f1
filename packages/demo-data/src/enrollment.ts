import { quarterIndex, quarterRange } from "@hsa/periods";
import { reportingUnits } from "@hsa/regions";
import { between, seededRandom } from "./random";

/** One county's enrollment figures for one quarter (the enrollment subgraph's report row). */
export interface EnrollmentFacts {
  regionCode: string;
  quarter: string;
  insuredEmployee: number;
  insuredResident: number;
  registeredPopulation: number;
  evoucherActivated: number;
  settlementsTotal: number;
  settlementsEvoucher: number;
  remoteRegistrations: number;
  remoteHospitalisations: number;
  subsidisedPersons: number;
  subsidyAmountFen: bigint;
}

type Override = Partial<Omit<EnrollmentFacts, "regionCode" | "quarter">>;

/**
 * Real published figures, placed at their real codes and quarters (see ../shared/seeds/).
 * Annual or half-year totals are split over quarters so that the quarters add up exactly.
 */
export const enrollmentSeedFacts: Record<string, Record<string, Override>> = {
  // 002: 屈原管理区 2022 — remote-care registration 2,463 of 2,582 hospitalisations outside the
  // city (95.39%); 综合参保率 107%; e-voucher registration 63.97%; settlement use above 32%.
  "430671": {
    "2022Q1": { remoteRegistrations: 598, remoteHospitalisations: 628 },
    "2022Q2": { remoteRegistrations: 611, remoteHospitalisations: 640 },
    "2022Q3": { remoteRegistrations: 627, remoteHospitalisations: 657 },
    "2022Q4": {
      remoteRegistrations: 627,
      remoteHospitalisations: 657,
      registeredPopulation: 98_000,
      insuredEmployee: 14_860,
      insuredResident: 90_000, // 104,860 / 98,000 = 107.00%
      evoucherActivated: 67_079, // 67,079 / 104,860 = 63.97%
      settlementsTotal: 41_250,
      settlementsEvoucher: 13_260, // 32.15%
    },
  },
  // 000: 鄂温克族自治旗 2023H1 — subsidised enrollment 8,661 persons, 971,700 yuan.
  "150724": {
    "2023Q1": { subsidisedPersons: 8_102, subsidyAmountFen: 90_890_000n },
    "2023Q2": { subsidisedPersons: 559, subsidyAmountFen: 6_280_000n },
  },
};

type Field = keyof Override;

/** The fields a seed can set, anchored in this order (the amount after the persons it pays for). */
const ANCHORED: readonly Field[] = [
  "insuredEmployee",
  "insuredResident",
  "evoucherActivated",
  "settlementsTotal",
  "settlementsEvoucher",
  "remoteRegistrations",
  "remoteHospitalisations",
  "subsidisedPersons",
  "subsidyAmountFen",
];

/**
 * Deterministic synthetic figures for every reporting unit under `scope` and every quarter in
 * [from, to], plausible in size, with the seed figures above applied on top. A seeded unit's
 * synthetic series are anchored on its seeds first (its population level set so that the seeded
 * quarter's population is the seed's, every other seeded series scaled by Σseed / Σsynthetic over
 * its seeded quarters), so the seeds sit exactly on smooth series without a break.
 */
export function demoEnrollment(opts: { scope?: string; from?: string; to?: string } = {}): EnrollmentFacts[] {
  const quarters = quarterRange(opts.from ?? "2021Q1", opts.to ?? "2024Q4");
  const out: EnrollmentFacts[] = [];
  for (const unit of reportingUnits(opts.scope ?? "000000")) {
    const seeds = enrollmentSeedFacts[unit.code];
    if (!seeds) {
      for (const quarter of quarters) out.push(synthetic(unit.code, quarter, 1));
      continue;
    }
    // Population level: the seeded quarter's population is the seed's (one factor for the unit).
    const seededPop = Object.entries(seeds).filter(([, o]) => o.registeredPopulation !== undefined);
    const popFactor = seededPop.length
      ? seededPop.reduce((s, [, o]) => s + (o.registeredPopulation ?? 0), 0) /
        seededPop.reduce((s, [q]) => s + synthetic(unit.code, q, 1).registeredPopulation, 0)
      : 1;
    const gen = (q: string) => synthetic(unit.code, q, popFactor);
    const factors = new Map<Field, number>();
    for (const field of ANCHORED) {
      const seeded = Object.entries(seeds).filter(([, o]) => o[field] !== undefined);
      if (!seeded.length) continue;
      const want = seeded.reduce((s, [, o]) => s + Number(o[field]), 0);
      const have = seeded.reduce((s, [q]) => s + Number(scaled(gen(q), factors)[field]), 0);
      if (have > 0) factors.set(field, want / have);
    }
    for (const quarter of quarters) {
      const facts = scaled(gen(quarter), factors);
      Object.assign(facts, seeds[quarter]);
      out.push(facts);
    }
  }
  return out;
}

/** One series scaled by its anchoring factor; the subsidy amount follows the persons it pays for. */
function scaled(f: EnrollmentFacts, factors: ReadonlyMap<Field, number>): EnrollmentFacts {
  if (factors.size === 0) return f;
  const out = { ...f };
  for (const [field, k] of factors) {
    if (field === "subsidyAmountFen") continue;
    (out as Record<Field, number | bigint>)[field] = Math.round(Number(f[field]) * k);
  }
  const persons = f.subsidisedPersons === 0 ? 1 : out.subsidisedPersons / f.subsidisedPersons;
  const amount = Number(f.subsidyAmountFen) * persons * (factors.get("subsidyAmountFen") ?? 1);
  out.subsidyAmountFen = BigInt(Math.round(amount / 100)) * 100n;
  // Rates stay rates: scaled numerators never pass their denominators.
  out.evoucherActivated = Math.min(out.evoucherActivated, out.insuredEmployee + out.insuredResident);
  out.settlementsEvoucher = Math.min(out.settlementsEvoucher, out.settlementsTotal);
  out.remoteRegistrations = Math.min(out.remoteRegistrations, out.remoteHospitalisations);
  return out;
}

/** A unit's synthetic figures for one quarter, its population level multiplied by `popFactor`. */
function synthetic(code: string, quarter: string, popFactor: number): EnrollmentFacts {
  const r = seededRandom(`enrollment:${code}`);
  // Log-uniform population between 40,000 and 1,500,000.
  const population0 = Math.round(Math.exp(between(r, Math.log(40_000), Math.log(1_500_000)))) * popFactor;
  const growth = between(r, -0.004, 0.006); // per quarter
  const insuredRate = between(r, 0.9, 1.05);
  const employeeShare = between(r, 0.12, 0.38);
  const activation0 = between(r, 0.25, 0.45);
  const activationGain = between(r, 0.02, 0.035);
  const use0 = between(r, 0.05, 0.15);
  const useGain = between(r, 0.015, 0.03);
  const remoteShare = between(r, 0.0015, 0.004);
  const registrationRate = between(r, 0.8, 0.99);
  const subsidyShare = between(r, 0.02, 0.09);
  const t = quarterIndex(quarter) - quarterIndex("2021Q1");
  const qr = seededRandom(`enrollment:${code}:${quarter}`);
  const population = Math.round(population0 * (1 + growth) ** t);
  const insured = Math.round(population * Math.min(insuredRate + between(qr, -0.01, 0.01), 1.08));
  const insuredEmployee = Math.round(insured * employeeShare);
  const activation = Math.min(0.95, activation0 + activationGain * t + between(qr, -0.01, 0.01));
  const settlementsTotal = Math.round(population * between(qr, 0.45, 0.7));
  const use = Math.min(0.85, use0 + useGain * t + between(qr, -0.01, 0.01));
  const remoteHospitalisations = Math.round(population * remoteShare * between(qr, 0.85, 1.15));
  const remoteRegistrations = Math.round(
    remoteHospitalisations * Math.min(1, registrationRate + between(qr, -0.03, 0.03)),
  );
  // Contributions are collected for the year in Q1: most subsidies fall there.
  const subsidyWeight = quarter.endsWith("Q1") ? 0.85 : 0.05;
  const subsidisedPersons = Math.round(population * subsidyShare * subsidyWeight);
  const perPersonYuan = 280 + 30 * Math.floor(t / 4); // the subsidy rises every year
  return {
    regionCode: code,
    quarter,
    insuredEmployee,
    insuredResident: insured - insuredEmployee,
    registeredPopulation: population,
    evoucherActivated: Math.round(insured * activation),
    settlementsTotal,
    settlementsEvoucher: Math.round(settlementsTotal * use),
    remoteRegistrations,
    remoteHospitalisations,
    subsidisedPersons,
    subsidyAmountFen: BigInt(subsidisedPersons * perPersonYuan) * 100n,
  };
}
