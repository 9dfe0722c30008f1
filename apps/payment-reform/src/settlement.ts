/**
 * DIP money math, exact: no floating point touches money or points.
 *
 * - Points are decimals with 4 places (NUMERIC(18,4)); here they are bigints scaled by 10^4.
 * - Money is integer fen (bigint).
 * - The point value is the exact ratio budget / total points. It is stored rounded to 8 decimals
 *   for display, but an institution's gross is computed from the exact ratio:
 *   gross_fen = round_half_up(points × budget_fen / total_points), rounded once, to the fen.
 *   (So the stored point value's rounding never leaks into money.) The gross amounts of a pool
 *   may differ from its budget by at most half a fen per institution (rounding); that residue is
 *   not redistributed.
 */

export const POINT_SCALE = 10_000n;
export const SHARE_SCALE = 10_000n;

/** a / b rounded half away from zero (b > 0). */
export function divRoundHalfUp(a: bigint, b: bigint): bigint {
  if (b <= 0n) throw new RangeError("divisor must be positive");
  const neg = a < 0n;
  const abs = neg ? -a : a;
  const q = (2n * abs + b) / (2n * b);
  return neg ? -q : q;
}

/** "180000", "12.5", "3.1416" → scaled by 10^scaleDigits; null when not a non-negative decimal within the scale. */
export function parseDecimal(s: string, scaleDigits = 4): bigint | null {
  const m = /^(\d{1,18})(?:\.(\d+))?$/.exec(s.trim());
  if (!m?.[1]) return null;
  const frac = (m[2] ?? "").replace(/0+$/, "");
  if (frac.length > scaleDigits) return null;
  return BigInt(m[1]) * 10n ** BigInt(scaleDigits) + BigInt(frac.padEnd(scaleDigits, "0") || "0");
}

/** Reads a NUMERIC text from the database exactly (it may carry more or fewer decimals). */
export function numericToScaled(s: string, scaleDigits = 4): bigint {
  const m = /^(-?)(\d+)(?:\.(\d+))?$/.exec(s.trim());
  if (!m?.[2]) throw new Error(`not a decimal from the database: ${s}`);
  const frac = (m[3] ?? "").padEnd(scaleDigits, "0");
  if (/[1-9]/.test(frac.slice(scaleDigits))) {
    throw new Error(`${s} has more than ${scaleDigits} significant decimals`);
  }
  const v = BigInt(m[2]) * 10n ** BigInt(scaleDigits) + BigInt(frac.slice(0, scaleDigits) || "0");
  return m[1] === "-" ? -v : v;
}

/** 18000000000n (scale 4) → "1800000.0000" */
export function formatScaled(v: bigint, scaleDigits = 4): string {
  const sign = v < 0n ? "-" : "";
  const abs = v < 0n ? -v : v;
  const unit = 10n ** BigInt(scaleDigits);
  if (scaleDigits === 0) return `${sign}${abs}`;
  return `${sign}${abs / unit}.${(abs % unit).toString().padStart(scaleDigits, "0")}`;
}

/**
 * Points of a case aggregate: cases × score × coefficient, exact (score and coefficient at 4
 * decimals), rounded half-up to the 4 decimals of the points column.
 */
export function casePoints(cases: number, score4: bigint, coefficient4: bigint): bigint {
  if (!Number.isSafeInteger(cases) || cases < 0) throw new RangeError("cases must be a non-negative integer");
  return divRoundHalfUp(BigInt(cases) * score4 * coefficient4, POINT_SCALE);
}

/** The point value in yuan per point, rounded half-up to 8 decimals (scaled by 10^8); null without points. */
export function pointValue8(budgetFen: bigint, totalPoints4: bigint): bigint | null {
  if (totalPoints4 <= 0n) return null;
  // yuan/point = (budgetFen / 100) / (totalPoints4 / 10^4) = budgetFen × 100 / totalPoints4
  return divRoundHalfUp(budgetFen * 100n * 10n ** 8n, totalPoints4);
}

/** An institution's gross settlement in fen: points × budget / total points, rounded half-up once. */
export function grossFen(points4: bigint, budgetFen: bigint, totalPoints4: bigint): bigint {
  if (totalPoints4 <= 0n) return 0n;
  return divRoundHalfUp(points4 * budgetFen, totalPoints4);
}

export interface InstitutionPoints {
  institutionId: string;
  regionCode: string;
  points4: bigint;
  prepaidFen: bigint;
  deductionFen: bigint;
}

export interface SettlementLine extends InstitutionPoints {
  grossFen: bigint;
  netFen: bigint;
}

export interface SettlementResult {
  budgetFen: bigint;
  totalPoints4: bigint;
  pointValue8: bigint;
  lines: SettlementLine[];
}

/**
 * The year-end settlement of a pool: point value = budget / Σ points; each institution gets
 * points × point value − prepayments − deductions. Lines are ordered by institution id.
 */
export function computeSettlement(
  budgetFen: bigint,
  institutions: readonly InstitutionPoints[],
): SettlementResult {
  const totalPoints4 = institutions.reduce((s, i) => s + i.points4, 0n);
  const pv = pointValue8(budgetFen, totalPoints4) ?? 0n;
  const lines = [...institutions]
    .sort((a, b) => (a.institutionId < b.institutionId ? -1 : a.institutionId > b.institutionId ? 1 : 0))
    .map((i) => {
      const gross = grossFen(i.points4, budgetFen, totalPoints4);
      return { ...i, grossFen: gross, netFen: gross - i.prepaidFen - i.deductionFen };
    });
  return { budgetFen, totalPoints4, pointValue8: pv, lines };
}

/**
 * Surplus retained (结余留用) and overspend shared (超支分担) of a global budget: the share of the
 * difference between budget and spend the bureau leaves to (or takes on from) the institution or
 * alliance, in fen, rounded half-up. Shares are scaled by 10^4 (0.6 → 6000n).
 */
export function budgetOutcome(
  budgetFen: bigint,
  spentFen: bigint,
  surplusShare4: bigint,
  overspendShare4: bigint,
): { surplusFen: bigint; retainedFen: bigint; overspendFen: bigint; sharedFen: bigint } {
  const surplus = budgetFen > spentFen ? budgetFen - spentFen : 0n;
  const overspend = spentFen > budgetFen ? spentFen - budgetFen : 0n;
  return {
    surplusFen: surplus,
    retainedFen: divRoundHalfUp(surplus * surplusShare4, SHARE_SCALE),
    overspendFen: overspend,
    sharedFen: divRoundHalfUp(overspend * overspendShare4, SHARE_SCALE),
  };
}
