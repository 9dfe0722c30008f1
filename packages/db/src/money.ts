/**
 * Money is stored as integer fen (分) and exchanged as decimal yuan strings, never as floats.
 * "971700.5" → 97170050n; null when not a non-negative amount with at most two decimals.
 */
export function yuanToFen(s: string): bigint | null {
  const m = /^(\d{1,15})(?:\.(\d{1,2}))?$/.exec(s.trim());
  if (!m?.[1]) return null;
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
}

/** 97170050n → "971700.50" */
export function fenToYuan(fen: bigint): string {
  const sign = fen < 0n ? "-" : "";
  const abs = fen < 0n ? -fen : fen;
  return `${sign}${abs / 100n}.${(abs % 100n).toString().padStart(2, "0")}`;
}
