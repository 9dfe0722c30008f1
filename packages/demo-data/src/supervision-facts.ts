// The supervision demo rows (designated institutions, inspections and their dispositions): what
// `demoSupervision` returns, in the subgraph's shapes (money in fen).
import { quarterOf } from "@hsa/periods";

export type InstitutionKind = "HOSPITAL" | "PHARMACY" | "CLINIC" | "VILLAGE_CLINIC";
export type InstitutionGrade = "I" | "II" | "III";
export type Ownership = "PUBLIC" | "PRIVATE";
export type AgreementStatus = "ACTIVE" | "SUSPENDED" | "TERMINATED";
export type InspectionKind = "ROUTINE" | "SPECIAL" | "FLYING" | "CROSS";
export type DispositionKind =
  | "INTERVIEW"
  | "RECOVERY"
  | "PENALTY"
  | "REFUSAL"
  | "DEDUCTION"
  | "SELF_CORRECTION";

/** A designated medical institution or pharmacy (定点医药机构): the supervision subgraph's institution row. */
export interface InstitutionFacts {
  /** "<county code>-<H|P|C|V>-<nnn>", e.g. "150724-H-001" */
  id: string;
  name: string;
  kind: InstitutionKind;
  /** hospitals only */
  grade: InstitutionGrade | null;
  ownership: Ownership;
  /** the reporting unit (county) it belongs to */
  regionCode: string;
  agreementStatus: AgreementStatus;
  /** "YYYY-MM-DD" */
  agreementStart: string;
  /** "YYYY-MM-DD"; set for TERMINATED (the termination date), null while the agreement is open-ended */
  agreementEnd: string | null;
}

export interface DispositionFacts {
  kind: DispositionKind;
  /** integer fen; null for INTERVIEW (an interview has no amount) */
  amountFen: bigint | null;
  note: string;
}

export interface InspectionFacts {
  institutionId: string;
  regionCode: string;
  /** "YYYY-MM-DD" */
  inspectedOn: string;
  /** quarter of `inspectedOn` (@hsa/periods quarterOf) */
  quarter: string;
  kind: InspectionKind;
  findings: string;
  dispositions: DispositionFacts[];
}

export interface SupervisionDemo {
  institutions: InstitutionFacts[];
  /** ordered by date, then institution */
  inspections: InspectionFacts[];
}

/** The quarter of a "YYYY-MM-DD" date (calendar date in China). */
export function quarterOfDate(isoDate: string): string {
  return quarterOf(new Date(`${isoDate}T12:00:00+08:00`));
}
