/** Numbers the way bureaus write them: thousands separators, each metric with its declared decimals. */
export type Lang = "zh" | "en";

const locale = (lang: Lang) => (lang === "zh" ? "zh-CN" : "en-US");

export function formatNumber(n: number, decimals = 0, lang: Lang = "zh"): string {
  return n.toLocaleString(locale(lang), { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/**
 * What a value is shown in, as the metric declares it in the catalogue: its unit in Chinese and
 * English (`unit`, `unitEn`) and its decimals (`precision`). The dashboard keeps no unit table.
 */
export interface ValueUnit {
  unit: string;
  unitEn: string;
  precision: number;
}

/** The unit in the page's language. */
export function unitLabel(m: ValueUnit, lang: Lang): string {
  return lang === "en" ? m.unitEn : m.unit;
}

/** A KPI value with its unit: "95.39%", "1,234.56 万元", "12,345 人"; "—" when there is none. */
export function formatValue(value: number | null | undefined, m: ValueUnit, lang: Lang = "zh"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  const s = formatNumber(value, m.precision, lang);
  const unit = unitLabel(m, lang);
  return unit === "%" ? `${s}%` : `${s} ${unit}`;
}

/** A value without its unit (table cells, CSV): "95.39", "1,234.56". */
export function formatBare(value: number | null | undefined, m: ValueUnit, lang: Lang = "zh"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return formatNumber(value, m.precision, lang);
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
