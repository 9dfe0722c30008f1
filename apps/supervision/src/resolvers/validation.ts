import { fenToYuan, yuanToFen } from "@hsa/db";
import { quarterOf } from "@hsa/periods";
import { getRegion, isReportingUnit } from "@hsa/regions";
import { badInput } from "@hsa/subgraph-kit";
import type { DispositionRow, InstitutionRow } from "../db/schema";

/** The checks of inspections are declared with the fact (../facts/inspection.ts); these are the registry's. */

export { fenToYuan, yuanToFen };

/** Today's calendar date in China (Asia/Shanghai), "YYYY-MM-DD". */
export function chinaToday(now: Date = new Date()): string {
  return new Intl.DateTimeFormat("en-CA", {
    timeZone: "Asia/Shanghai",
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  }).format(now);
}

/** The quarter of a "YYYY-MM-DD" calendar date (in China). */
export function quarterOfDate(isoDate: string): string {
  return quarterOf(new Date(`${isoDate}T12:00:00+08:00`));
}

/** True for a real calendar date written "YYYY-MM-DD" (2023-02-30 is not one). */
export function isIsoDate(s: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s && s >= "1949-10-01";
}

export interface Problem {
  field: string;
  message: string;
}

/** BAD_USER_INPUT with every problem of the input: "invalid <what>: <messages>", extensions.problems. */
export function badProblems(what: string, problems: Problem[]) {
  return badInput(`invalid ${what}: ${problems.map((p) => p.message).join("; ")}`, { problems });
}

export interface DispositionInput {
  kind: DispositionRow["kind"];
  amountYuan?: string | null;
  note?: string | null;
}

export interface RecordInspectionInput {
  institutionId: string;
  inspectedOn: string;
  kind: "ROUTINE" | "SPECIAL" | "FLYING" | "CROSS";
  findings: string;
  dispositions: DispositionInput[];
  requestId?: string | null;
}

export interface RegisterInstitutionInput {
  name: string;
  kind: InstitutionRow["kind"];
  grade?: InstitutionRow["grade"];
  ownership: InstitutionRow["ownership"];
  regionCode: string;
  agreementStart: string;
  agreementEnd?: string | null;
}

export function validateInstitution(input: RegisterInstitutionInput): Problem[] {
  const problems: Problem[] = [];
  const region = getRegion(input.regionCode);
  if (!region) problems.push({ field: "regionCode", message: `unknown region code "${input.regionCode}"` });
  else if (!isReportingUnit(region.code)) {
    problems.push({
      field: "regionCode",
      message: `${region.code} ${region.name} is a ${region.level} region; institutions belong to a county (reporting unit)`,
    });
  }
  const name = input.name.trim();
  if (name.length < 2 || name.length > 100) {
    problems.push({ field: "name", message: "name must have 2–100 characters" });
  }
  if (input.grade != null && input.kind !== "HOSPITAL") {
    problems.push({ field: "grade", message: `only hospitals have a grade (kind is ${input.kind})` });
  }
  problems.push(...agreementDateProblems(input.agreementStart, input.agreementEnd ?? null));
  return problems;
}

export function agreementDateProblems(start: string, end: string | null): Problem[] {
  const problems: Problem[] = [];
  if (!isIsoDate(start)) {
    problems.push({ field: "agreementStart", message: `agreementStart "${start}" is not a date YYYY-MM-DD` });
  }
  if (end !== null) {
    if (!isIsoDate(end))
      problems.push({ field: "agreementEnd", message: `agreementEnd "${end}" is not a date YYYY-MM-DD` });
    else if (isIsoDate(start) && end < start) {
      problems.push({
        field: "agreementEnd",
        message: `agreementEnd ${end} is before agreementStart ${start}`,
      });
    }
  }
  return problems;
}

/** Problems of an agreement change: TERMINATED needs its termination date; dates must be in order. */
export function validateAgreementChange(
  inst: Pick<InstitutionRow, "agreementStart">,
  status: InstitutionRow["agreementStatus"],
  end: string | null,
): Problem[] {
  const problems = agreementDateProblems(inst.agreementStart, end);
  if (status === "TERMINATED" && end === null) {
    problems.push({
      field: "agreementEnd",
      message: "a TERMINATED agreement needs agreementEnd (the termination date)",
    });
  }
  return problems;
}
