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
    | ({
        /** the input fields it reads: it is checked only when these are valid */
        uses: readonly string[];
        /** `now`: the time of the check (e.g. an inspection date not in the future) */
        holds(f: FactValues, now?: Date): boolean;
        sum?: undefined;
        atMost?: undefined;
      } & NoCheck)
    | ({ sum: readonly string[]; atMost: readonly string[]; uses?: undefined; holds?: undefined } & NoCheck)
    | DeclaredCheck
  );

type NoCheck = { notAfterToday?: undefined; emptyWhen?: undefined };

/**
 * Rules declared as data, so that clients can check them from the layout too (fact-layout.ts):
 * a date field not after today (China time), or an amount that must be empty while another field
 * has one of some values and positive otherwise (e.g. an interview has no amount, a recovery one > 0).
 */
export type DeclaredCheck = { uses?: undefined; holds?: undefined; sum?: undefined; atMost?: undefined } & (
  | { notAfterToday: string; emptyWhen?: undefined }
  | { emptyWhen: { field: string; values: readonly string[] }; notAfterToday?: undefined }
);

/** Today's date "YYYY-MM-DD" in China time (UTC+8). */
export const chinaDate = (now: Date = new Date()) =>
  new Date(now.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

/** A rule with its inputs and predicate (an `atMost` rule compares the stored values: fen for yuan). */
export function checkedRule(
  r: FactRule,
  fields: Record<string, FieldSpec>,
): RuleBase & { uses: readonly string[]; holds(f: FactValues, now?: Date): boolean } {
  const spec = (n: string) => {
    const f = fields[n];
    if (!f) throw new Error(`rule on ${r.field}: no field "${n}"`);
    return columnOf(n, f);
  };
  if (r.notAfterToday !== undefined) {
    const date = spec(r.notAfterToday);
    return { ...r, uses: [r.notAfterToday], holds: (f, now) => String(f[date]) <= chinaDate(now) };
  }
  if (r.emptyWhen !== undefined) {
    const [when, value] = [spec(r.emptyWhen.field), spec(r.field)];
    const values = r.emptyWhen.values;
    return {
      ...r,
      uses: [r.emptyWhen.field, r.field],
      holds: (f) => {
        const v = f[value];
        if (values.includes(String(f[when]))) return v === null || v === undefined;
        return typeof v === "bigint" ? v > 0n : typeof v === "number" && v > 0;
      },
    };
  }
  if (!r.sum) return r;
  const [sum, limit] = [r.sum.map(spec), r.atMost.map(spec)];
  const total = (props: string[], f: FactValues) =>
    props.reduce((n, p) => n + BigInt((f[p] ?? 0) as number | bigint), 0n);
  return { ...r, uses: [...r.sum, ...r.atMost], holds: (f) => total(sum, f) <= total(limit, f) };
}
