// Shape validation of the payment mutations' inputs (the catalogue, the registry and the scope are
// checked by the resolvers).
import { yuanToFen } from "@hsa/db";
import { currentQuarter, quarterIndex } from "@hsa/periods";
import { badInput } from "@hsa/subgraph-kit";

export interface Problem {
  field: string;
  message: string;
}

export interface DipGroupCasesInput {
  groupCode: string;
  cases: number;
  fundPrepaidYuan: string;
  dipFundYuan: string;
  inpatientFundYuan: string;
}

export interface ParsedGroupCases {
  groupCode: string;
  cases: number;
  fundPrepaidFen: bigint;
  dipFundFen: bigint;
  inpatientFundFen: bigint;
}

/** Validates a DIP case report (shape only; groups are checked against the catalogue later). */
export function validateDipCases(
  quarter: string,
  groups: readonly DipGroupCasesInput[],
  now: Date = new Date(),
): { problems: Problem[]; parsed: ParsedGroupCases[] } {
  const problems: Problem[] = [];
  const parsed: ParsedGroupCases[] = [];
  const current = currentQuarter(now);
  if (quarterIndex(quarter) > quarterIndex(current)) {
    problems.push({ field: "quarter", message: `${quarter} is in the future (current quarter: ${current})` });
  }
  if (groups.length === 0) problems.push({ field: "groups", message: "at least one group must be reported" });
  const seen = new Set<string>();
  groups.forEach((g, i) => {
    const at = `groups[${i}]`;
    if (seen.has(g.groupCode))
      problems.push({ field: `${at}.groupCode`, message: `${g.groupCode} is reported twice` });
    seen.add(g.groupCode);
    let ok = true;
    if (!Number.isSafeInteger(g.cases) || g.cases < 0) {
      problems.push({
        field: `${at}.cases`,
        message: `cases must be a non-negative whole number (got ${g.cases})`,
      });
      ok = false;
    }
    const amounts = {
      fundPrepaidYuan: yuanToFen(g.fundPrepaidYuan),
      dipFundYuan: yuanToFen(g.dipFundYuan),
      inpatientFundYuan: yuanToFen(g.inpatientFundYuan),
    };
    for (const [name, value] of Object.entries(amounts)) {
      if (value === null) {
        problems.push({
          field: `${at}.${name}`,
          message: `${name} "${g[name as keyof typeof amounts]}" must be a non-negative amount in yuan with at most two decimals`,
        });
        ok = false;
      }
    }
    const { fundPrepaidYuan: prepaid, dipFundYuan: dip, inpatientFundYuan: inpatient } = amounts;
    if (dip !== null && inpatient !== null && dip > inpatient) {
      problems.push({
        field: `${at}.dipFundYuan`,
        message: `${g.groupCode}: DIP-paid fund (${g.dipFundYuan}) exceeds all inpatient fund (${g.inpatientFundYuan})`,
      });
      ok = false;
    }
    if (ok && prepaid !== null && dip !== null && inpatient !== null) {
      parsed.push({
        groupCode: g.groupCode,
        cases: g.cases,
        fundPrepaidFen: prepaid,
        dipFundFen: dip,
        inpatientFundFen: inpatient,
      });
    }
  });
  return { problems, parsed };
}

/** Parses settlement deductions: yuan ≥ 0, one per institution. */
export function validateDeductions(deductions: readonly { institutionId: string; deductionYuan: string }[]): {
  problems: Problem[];
  parsed: Map<string, bigint>;
} {
  const problems: Problem[] = [];
  const parsed = new Map<string, bigint>();
  deductions.forEach((d, i) => {
    const fen = yuanToFen(d.deductionYuan);
    if (fen === null) {
      problems.push({
        field: `deductions[${i}].deductionYuan`,
        message: `deductionYuan "${d.deductionYuan}" must be a non-negative amount in yuan with at most two decimals`,
      });
    } else if (parsed.has(d.institutionId)) {
      problems.push({
        field: `deductions[${i}].institutionId`,
        message: `${d.institutionId} is listed twice`,
      });
    } else parsed.set(d.institutionId, fen);
  });
  return { problems, parsed };
}

export const fail = (what: string, problems: Problem[]) =>
  badInput(`${what}: ${problems.map((p) => p.message).join("; ")}`, { problems });

export const yearOf = (quarter: string) => Number(quarter.slice(0, 4));
