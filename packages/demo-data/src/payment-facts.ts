// The payment-reform demo rows (DIP catalogue, coefficients, institutions, cases, budgets,
// deductions): what `demoPayment` returns, in the subgraph's table shapes (money in fen).

export type DipGroupType = "CORE" | "COMPREHENSIVE";
export type DipGrade = "III" | "II" | "I" | "NONE";

/** One disease group of a pool's DIP catalogue for a year (score: decimal string, 4 places). */
export interface DipGroupFacts {
  poolingArea: string;
  year: number;
  code: string;
  name: string;
  type: DipGroupType;
  score: string;
}

export interface DipCoefficientFacts {
  poolingArea: string;
  year: number;
  grade: DipGrade;
  coefficient: string;
}

/** An inpatient institution eligible for DIP (payment's dip_institution row). */
export interface DipInstitutionFacts {
  institutionId: string;
  regionCode: string;
  poolingArea: string;
  grade: DipGrade;
  sinceYear: number;
}

/** One institution's DIP cases of one group in a quarter (points are computed by the loader). */
export interface DipCaseFacts {
  institutionId: string;
  regionCode: string;
  poolingArea: string;
  quarter: string;
  groupCode: string;
  cases: number;
  fundPrepaidFen: bigint;
  dipFundFen: bigint;
  inpatientFundFen: bigint;
}

export interface GlobalBudgetFacts {
  kind: "POOL" | "INSTITUTION" | "ALLIANCE";
  poolingArea: string;
  regionCode: string;
  key: string;
  name: string;
  year: number;
  budgetFen: bigint;
  surplusRetainedShare: string;
  overspendSharedShare: string;
  spend: { quarter: string; spentFen: bigint }[];
}

export interface DipDeductionFacts {
  poolingArea: string;
  year: number;
  institutionId: string;
  deductionFen: bigint;
}

export interface PaymentDemo {
  /** the pooling areas (cities) covered */
  pools: string[];
  groups: DipGroupFacts[];
  coefficients: DipCoefficientFacts[];
  institutions: DipInstitutionFacts[];
  cases: DipCaseFacts[];
  budgets: GlobalBudgetFacts[];
  deductions: DipDeductionFacts[];
  /** years whose settlement is run and CLOSED; the last demo year is run and left OPEN */
  closedYears: number[];
  openYears: number[];
}
