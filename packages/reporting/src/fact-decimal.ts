// A decimal field for NUMERIC columns (coefficients, shares): exact, never a float. The API takes a
// decimal string; the stored value is the same decimal with exactly `scale` places (as PostgreSQL
// returns a NUMERIC(p, scale)), so stored and new values compare as text for idempotency.
import { z } from "zod";
import type { FieldOptions, FieldSpec } from "./fact-fields";

/** "0.85" → 8500n at scale 4; null when not a non-negative decimal of at most `scale` places. */
export function parseScaled(s: string, scale: number): bigint | null {
  const m = /^(\d{1,18})(?:\.(\d+))?$/.exec(s.trim());
  if (!m?.[1]) return null;
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (frac.length > scale) return null;
  return BigInt(m[1]) * 10n ** BigInt(scale) + BigInt(frac.padEnd(scale, "0") || "0");
}

/** 8500n at scale 4 → "0.8500". */
export function formatScaledDecimal(v: bigint, scale: number): string {
  const unit = 10n ** BigInt(scale);
  return scale === 0 ? `${v}` : `${v / unit}.${(v % unit).toString().padStart(scale, "0")}`;
}

export interface DecimalOptions extends FieldOptions {
  /** decimal places stored (the NUMERIC column's scale) */
  scale: number;
  /** bounds, as decimal strings: "0" ≤ / < value ≤ / < max */
  min?: string;
  minExclusive?: boolean;
  max?: string;
  maxExclusive?: boolean;
  /** the problem's message (default: "<name> must be a decimal … with at most <scale> places") */
  message?(name: string, raw: unknown): string;
}

/**
 * A non-negative decimal with at most `scale` places within the bounds, stored with exactly `scale`
 * places. API input only: CSV cells of a decimal are read as text (no fact with a CSV import has one).
 */
export function decimal(o: DecimalOptions): FieldSpec {
  const bound = (s: string | undefined) => (s === undefined ? null : parseScaled(s, o.scale));
  const [min, max] = [bound(o.min), bound(o.max)];
  const within = (v: bigint) =>
    (min === null || (o.minExclusive ? v > min : v >= min)) &&
    (max === null || (o.maxExclusive ? v < max : v <= max));
  const range = [
    o.min === undefined ? "" : `${o.minExclusive ? ">" : "≥"} ${o.min}`,
    o.max === undefined ? "" : `${o.maxExclusive ? "<" : "≤"} ${o.max}`,
  ]
    .filter(Boolean)
    .join(" and ");
  return {
    ...o,
    kind: "decimal",
    cell: { kind: "text", maxLength: 40 },
    graphqlType: "String",
    schema: (name) =>
      z.unknown().transform((raw, ctx) => {
        const v = typeof raw === "string" ? parseScaled(raw, o.scale) : null;
        if (v !== null && within(v)) return formatScaledDecimal(v, o.scale);
        ctx.addIssue({
          code: "custom",
          message:
            o.message?.(name, raw) ??
            `${name} "${String(raw)}" must be a decimal${range ? ` ${range}` : ""} with at most ${o.scale} places`,
        });
        return z.NEVER;
      }),
  };
}
