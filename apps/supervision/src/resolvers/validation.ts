import { fenToYuan, yuanToFen } from "@hsa/db";
import { quarterOf } from "@hsa/periods";
import { getRegion, isReportingUnit } from "@hsa/regions";
import type { DispositionRow, InstitutionRow } from "../db/schema";

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

export const MAX_DISPOSITIONS = 50;
const MAX_TEXT = 2000;

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

/** Every problem of an inspection of `inst`, so the reporter can fix them all at once (dispositions by index). */
export function validateInspection(
  input: RecordInspectionInput,
  inst: Pick<InstitutionRow, "agreementStart">,
  now: Date = new Date(),
): Problem[] {
  const problems: Problem[] = [];
  const today = chinaToday(now);
  if (!isIsoDate(input.inspectedOn)) {
    problems.push({
      field: "inspectedOn",
      message: `inspectedOn "${input.inspectedOn}" is not a date YYYY-MM-DD`,
    });
  } else if (input.inspectedOn > today) {
    problems.push({
      field: "inspectedOn",
      message: `inspectedOn ${input.inspectedOn} is in the future (today: ${today})`,
    });
  } else if (input.inspectedOn < inst.agreementStart) {
    problems.push({
      field: "inspectedOn",
      message: `inspectedOn ${input.inspectedOn} is before the institution's agreement start ${inst.agreementStart}`,
    });
  }
  if (input.findings.trim() === "")
    problems.push({ field: "findings", message: "findings must not be empty" });
  else if (input.findings.length > MAX_TEXT) {
    problems.push({ field: "findings", message: `findings has more than ${MAX_TEXT} characters` });
  }
  if (input.requestId != null && !/^[\w.:-]{1,100}$/.test(input.requestId)) {
    problems.push({
      field: "requestId",
      message: "requestId must be 1–100 letters, digits or . _ : - (e.g. a UUID)",
    });
  }
  if (input.dispositions.length > MAX_DISPOSITIONS) {
    problems.push({
      field: "dispositions",
      message: `at most ${MAX_DISPOSITIONS} dispositions per inspection`,
    });
  }
  input.dispositions.forEach((d, i) => {
    const at = `dispositions[${i}]`;
    if (d.kind === "INTERVIEW") {
      if (d.amountYuan != null && d.amountYuan !== "") {
        problems.push({ field: `${at}.amountYuan`, message: `${at}: an INTERVIEW has no amount` });
      }
    } else {
      const fen = d.amountYuan == null ? null : yuanToFen(d.amountYuan);
      if (fen === null || fen === 0n) {
        problems.push({
          field: `${at}.amountYuan`,
          message: `${at}: a ${d.kind} needs amountYuan, a positive amount in yuan with at most two decimals (got ${d.amountYuan == null ? "none" : `"${d.amountYuan}"`})`,
        });
      }
    }
    if ((d.note ?? "").length > MAX_TEXT) {
      problems.push({ field: `${at}.note`, message: `${at}: note has more than ${MAX_TEXT} characters` });
    }
  });
  return problems;
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
