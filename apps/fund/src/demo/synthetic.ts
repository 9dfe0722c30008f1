import { between, seededRandom } from "@hsa/demo-data";
import { quarterIndex } from "@hsa/periods";
import type {
  AssistanceRow,
  FundBalanceRow,
  OutpatientPoolingRow,
  RemoteSettlementRow,
  Scheme,
} from "../db/schema";

type Figures<T> = Omit<T, "reportedBy" | "updatedAt">;
export type BalanceFacts = Figures<FundBalanceRow>;
export type RemoteFacts = Figures<RemoteSettlementRow>;
export type PoolingFacts = Figures<OutpatientPoolingRow>;
export type AssistanceFacts = Figures<AssistanceRow>;

/** Whole yuan as integer fen (bureaus report whole yuan; fen keeps the sums exact). */
export const yuanFen = (yuan: number) => BigInt(Math.round(yuan)) * 100n;

/** One unit's size and habits: deterministic per county. */
export interface UnitProfile {
  insuredEmployee: number;
  insuredResident: number;
  /** expenditure / income per scheme */
  spendRatio: Record<Scheme, number>;
  /** months of expenditure held at the start of the demo */
  reserveMonths: Record<Scheme, number>;
  crossShare: number;
  pharmacyShare: number;
  institutionShare: number;
  inScopeShare: number;
  payShare: number;
}

export function profileOf(code: string): UnitProfile {
  const r = seededRandom(`fund:${code}`);
  const insured = Math.round(Math.exp(between(r, Math.log(40_000), Math.log(1_500_000))));
  const employeeShare = between(r, 0.12, 0.38);
  return {
    insuredEmployee: Math.round(insured * employeeShare),
    insuredResident: Math.round(insured * (1 - employeeShare)),
    spendRatio: { EMPLOYEE: between(r, 0.86, 1.0), RESIDENT: between(r, 0.9, 1.03) },
    reserveMonths: { EMPLOYEE: between(r, 5, 16), RESIDENT: between(r, 3, 10) },
    crossShare: between(r, 0.12, 0.4),
    pharmacyShare: between(r, 0.22, 0.38),
    institutionShare: between(r, 0.1, 0.2),
    inScopeShare: between(r, 0.84, 0.94),
    payShare: between(r, 0.42, 0.6),
  };
}

const SCHEMES: readonly Scheme[] = ["EMPLOYEE", "RESIDENT"];

/** A county's income and expenditure per scheme for one quarter (the accumulated balance follows later). */
export function balanceFacts(code: string, quarter: string, p: UnitProfile): BalanceFacts[] {
  const t = quarterIndex(quarter) - quarterIndex("2021Q1");
  const q = seededRandom(`fund:balance:${code}:${quarter}`);
  return SCHEMES.map((scheme) => {
    const persons = scheme === "EMPLOYEE" ? p.insuredEmployee : p.insuredResident;
    // contributions rise ≈ 5% a year; residents pay for the year in Q1
    const perPerson = (scheme === "EMPLOYEE" ? 1_250 : 260) * 1.012 ** t;
    const seasonal = scheme === "RESIDENT" ? (quarter.endsWith("Q1") ? 2.2 : 0.6) : 1;
    const income = persons * perPerson * seasonal * between(q, 0.95, 1.05);
    const expenditure = persons * perPerson * p.spendRatio[scheme] * between(q, 0.92, 1.08);
    return {
      regionCode: code,
      quarter,
      scheme,
      incomeFen: yuanFen(income),
      expenditureFen: yuanFen(expenditure),
      accumulatedBalanceFen: 0n,
    };
  });
}

/** A county's remote-care direct settlements per scheme for one quarter. */
export function remoteFacts(code: string, quarter: string, p: UnitProfile): RemoteFacts[] {
  const q = seededRandom(`fund:remote:${code}:${quarter}`);
  return SCHEMES.map((scheme) => {
    const persons = scheme === "EMPLOYEE" ? p.insuredEmployee : p.insuredResident;
    const cases = (rate: number) => Math.round(persons * rate * between(q, 0.85, 1.15));
    const split = (n: number) => {
      const cross = Math.round(n * p.crossShare);
      return [n - cross, cross] as const;
    };
    const [iw, ic] = split(cases(scheme === "EMPLOYEE" ? 0.0035 : 0.0025));
    const [cw, cc] = split(cases(scheme === "EMPLOYEE" ? 0.004 : 0.0009));
    const [ow, oc] = split(cases(scheme === "EMPLOYEE" ? 0.06 : 0.006));
    const paid = (n: number, perCase: number) => yuanFen(n * perCase * between(q, 0.85, 1.15));
    return {
      regionCode: code,
      quarter,
      scheme,
      inpatientWithinCases: iw,
      inpatientWithinFen: paid(iw, scheme === "EMPLOYEE" ? 13_000 : 10_500),
      inpatientCrossCases: ic,
      inpatientCrossFen: paid(ic, scheme === "EMPLOYEE" ? 16_000 : 12_000),
      chronicWithinCases: cw,
      chronicWithinFen: paid(cw, 620),
      chronicCrossCases: cc,
      chronicCrossFen: paid(cc, 680),
      outpatientWithinCases: ow,
      outpatientWithinFen: paid(ow, 190),
      outpatientCrossCases: oc,
      outpatientCrossFen: paid(oc, 210),
    };
  });
}

/** A county's outpatient pooling for one quarter (persons: the year to date). */
export function poolingFacts(code: string, quarter: string, p: UnitProfile): PoolingFacts {
  const q = seededRandom(`fund:pooling:${code}:${quarter}`);
  const visits = Math.round((p.insuredEmployee * 0.32 + p.insuredResident * 0.05) * between(q, 0.85, 1.15));
  const part = (share: number, costPerVisit: number, payShare: number) => {
    const v = Math.round(visits * share);
    const total = v * costPerVisit * between(q, 0.9, 1.1);
    const inScope = total * Math.min(0.99, p.inScopeShare + between(q, -0.02, 0.04));
    return { v, total: yuanFen(total), inScope: yuanFen(inScope), paid: yuanFen(inScope * payShare) };
  };
  const pharmacy = part(p.pharmacyShare, 210, Math.min(0.7, p.payShare + 0.05));
  const institution = part(p.institutionShare, 300, Math.min(0.7, p.payShare + 0.03));
  const rest = part(1 - p.pharmacyShare - p.institutionShare, 360, p.payShare);
  const n = Number(quarter.slice(5));
  return {
    regionCode: code,
    quarter,
    personsYtd: Math.round(visits * (0.45 + 0.4 * n) * between(q, 0.95, 1.05) * 0.42),
    visits: pharmacy.v + institution.v + rest.v,
    totalCostFen: pharmacy.total + institution.total + rest.total,
    inScopeCostFen: pharmacy.inScope + institution.inScope + rest.inScope,
    fundPaidFen: pharmacy.paid + institution.paid + rest.paid,
    pharmacyVisits: pharmacy.v,
    pharmacyTotalCostFen: pharmacy.total,
    pharmacyInScopeCostFen: pharmacy.inScope,
    pharmacyFundPaidFen: pharmacy.paid,
    institutionVisits: institution.v,
    institutionTotalCostFen: institution.total,
    institutionInScopeCostFen: institution.inScope,
    institutionFundPaidFen: institution.paid,
  };
}

/** A county's medical assistance and 两病 benefits for one quarter (subsidies: given, from enrollment). */
export function assistanceFacts(
  code: string,
  quarter: string,
  p: UnitProfile,
  subsidy: { persons: number; fen: bigint },
): AssistanceFacts {
  const q = seededRandom(`fund:assistance:${code}:${quarter}`);
  const residents = p.insuredResident;
  const outpatient = Math.round(residents * 0.004 * between(q, 0.8, 1.2));
  const inpatient = Math.round(residents * 0.006 * between(q, 0.8, 1.2));
  const settlements = Math.round(residents * 0.012 * between(q, 0.8, 1.2));
  return {
    regionCode: code,
    quarter,
    subsidisedPersons: subsidy.persons,
    subsidyFen: subsidy.fen,
    outpatientAssistanceCases: outpatient,
    outpatientAssistanceFen: yuanFen(outpatient * 260 * between(q, 0.85, 1.15)),
    inpatientAssistanceCases: inpatient,
    inpatientAssistanceFen: yuanFen(inpatient * 1_480 * between(q, 0.85, 1.15)),
    twoDiseaseApproved: Math.round(residents * 0.0013 * between(q, 0.7, 1.3)),
    twoDiseaseSettlements: settlements,
    twoDiseaseFundPaidFen: yuanFen(settlements * 75 * between(q, 0.85, 1.15)),
  };
}
