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

/**
 * Deterministic synthetic figures for every reporting unit under `scope` and every quarter in
 * [from, to], plausible in size, with the seed figures above applied on top.
 */
export function demoEnrollment(opts: { scope?: string; from?: string; to?: string } = {}): EnrollmentFacts[] {
  const quarters = quarterRange(opts.from ?? "2021Q1", opts.to ?? "2024Q4");
  const base = quarterIndex("2021Q1");
  const out: EnrollmentFacts[] = [];
  for (const unit of reportingUnits(opts.scope ?? "000000")) {
    const r = seededRandom(`enrollment:${unit.code}`);
    // Log-uniform population between 40,000 and 1,500,000.
    const population0 = Math.round(Math.exp(between(r, Math.log(40_000), Math.log(1_500_000))));
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
    for (const quarter of quarters) {
      const t = quarterIndex(quarter) - base;
      const qr = seededRandom(`enrollment:${unit.code}:${quarter}`);
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
      const facts: EnrollmentFacts = {
        regionCode: unit.code,
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
      Object.assign(facts, enrollmentSeedFacts[unit.code]?.[quarter]);
      out.push(facts);
    }
  }
  return out;
}
