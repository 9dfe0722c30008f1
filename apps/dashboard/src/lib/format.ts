/** Numbers the way bureaus write them: thousands separators, 万元 and % with two decimals. */
export type Lang = "zh" | "en";

const locale = (lang: Lang) => (lang === "zh" ? "zh-CN" : "en-US");

export function formatNumber(n: number, decimals = 0, lang: Lang = "zh"): string {
  return n.toLocaleString(locale(lang), { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Decimals shown for a metric value by unit: %, 万元 and 元 two decimals; counts none. */
export function unitDecimals(unit: string): number {
  return unit === "%" || unit === "万元" || unit === "元" ? 2 : 0;
}

const UNIT_EN: Record<string, string> = {
  "%": "%",
  万元: "×10k yuan",
  元: "yuan",
  人: "persons",
  家: "institutions",
  次: "times",
  月: "months",
};

export function unitLabel(unit: string, lang: Lang): string {
  return lang === "en" ? (UNIT_EN[unit] ?? unit) : unit;
}

/** A KPI value with its unit: "95.39%", "1,234.56 万元", "12,345 人"; "—" when there is none. */
export function formatValue(value: number | null | undefined, unit: string, lang: Lang = "zh"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const s = formatNumber(value, unitDecimals(unit), lang);
  return unit === "%" ? `${s}%` : `${s} ${unitLabel(unit, lang)}`;
}

/** A value without its unit (table cells, CSV): "95.39", "1,234.56". */
export function formatBare(value: number | null | undefined, unit: string, lang: Lang = "zh"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return formatNumber(value, unitDecimals(unit), lang);
}

/**
 * Change between two values: rates in percentage points ("+1.20 个百分点" / "+1.20 pp"),
 * others relative ("+3.45%"). null when either side is missing.
 */
export function formatChange(
  current: number | null | undefined,
  previous: number | null | undefined,
  unit: string,
  lang: Lang = "zh",
): { text: string; direction: "up" | "down" | "flat" } | null {
  if (current == null || previous == null || !Number.isFinite(current) || !Number.isFinite(previous))
    return null;
  let delta: number;
  let suffix: string;
  if (unit === "%") {
    delta = current - previous;
    suffix = lang === "zh" ? " 个百分点" : " pp";
  } else {
    if (previous === 0) return null;
    delta = ((current - previous) / Math.abs(previous)) * 100;
    suffix = "%";
  }
  const rounded = Math.round(delta * 100) / 100;
  const direction = rounded > 0 ? "up" : rounded < 0 ? "down" : "flat";
  const sign = rounded > 0 ? "+" : rounded < 0 ? "−" : "±";
  return { text: `${sign}${formatNumber(Math.abs(rounded), 2, lang)}${suffix}`, direction };
}

/** Numerator / denominator in base units (persons, yuan, cases), for auditing a figure. */
export function formatBase(n: number | null | undefined, lang: Lang = "zh"): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return "—";
  return formatNumber(n, Number.isInteger(n) ? 0 : 2, lang);
}
