// Shape validation of the payment mutations' inputs (the catalogue, the registry and the scope are
// checked by the resolvers).
import { yuanToFen } from "@hsa/db";
import { currentQuarter, quarterIndex } from "@hsa/periods";
import { badInput } from "@hsa/subgraph-kit";
import { dipCaseFact } from "../facts/dip-cases";

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

/**
 * Validates a DIP case report's groups with the declared fact's own checks (dipCaseFact: whole
 * numbers ≥ 0, yuan, DIP fund ≤ inpatient fund); groups are checked against the catalogue later.
 */
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
    const at = `groups[${i}].`;
    if (seen.has(g.groupCode))
      problems.push({ field: `${at}groupCode`, message: `${g.groupCode} is reported twice` });
    seen.add(g.groupCode);
    // the institution and quarter are checked once, by the caller and above
    const r = dipCaseFact.check({ ...g, institutionId: "", quarter }, now, at);
    const own = r.problems.filter((p) => p.field !== `${at}quarter`);
    problems.push(...own);
    if (own.length === 0) {
      const { cases, fundPrepaidFen, dipFundFen, inpatientFundFen } = r.values;
      parsed.push({
        groupCode: g.groupCode,
        cases,
        fundPrepaidFen,
        dipFundFen,
        inpatientFundFen,
      } as ParsedGroupCases);
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
