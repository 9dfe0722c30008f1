import { columnOf, type FactValues, type FieldSpec } from "./fact-fields";

export interface RuleBase {
  /** the input field a broken rule is reported on */
  field: string;
  /** the API's message (English) and the CSV's (Chinese, followed by the English) */
  message(f: FactValues): { zh: string; en: string };
  /** the rule in words (the layout: forms, import help); default for `atMost` rules: made from the labels */
  words?: { zh: string; en: string };
}

/**
 * A rule across fields (e.g. network ≤ total), checked on the stored values of both paths. Either
 * a comparison clients can check from the layout — Σ `sum` ≤ Σ `atMost` (input fields, counts or
 * yuan) — or any predicate `holds` over the stored values (then give `words`).
 */
export type FactRule = RuleBase &
  (
    | {
        /** the input fields it reads: it is checked only when these are valid */
        uses: readonly string[];
        /** `now`: the time of the check (e.g. an inspection date not in the future) */
        holds(f: FactValues, now?: Date): boolean;
        sum?: undefined;
        atMost?: undefined;
      }
    | { sum: readonly string[]; atMost: readonly string[]; uses?: undefined; holds?: undefined }
  );

/** A rule with its inputs and predicate (an `atMost` rule compares the stored values: fen for yuan). */
export function checkedRule(
  r: FactRule,
  fields: Record<string, FieldSpec>,
): RuleBase & { uses: readonly string[]; holds(f: FactValues, now?: Date): boolean } {
  if (!r.sum) return r;
  const spec = (n: string) => {
    const f = fields[n];
    if (!f) throw new Error(`rule on ${r.field}: no field "${n}"`);
    return columnOf(n, f);
  };
  const [sum, limit] = [r.sum.map(spec), r.atMost.map(spec)];
  const total = (props: string[], f: FactValues) =>
    props.reduce((n, p) => n + BigInt((f[p] ?? 0) as number | bigint), 0n);
  return { ...r, uses: [...r.sum, ...r.atMost], holds: (f) => total(sum, f) <= total(limit, f) };
}
