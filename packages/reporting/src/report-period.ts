import { quarterEnd } from "@hsa/periods";

/** A county (reporting unit) and quarter: the unit of reporting and approval. */
export interface ReportKey {
  regionCode: string;
  quarter: string;
}

export const keyOf = (k: ReportKey): string => `${k.regionCode}|${k.quarter}`;

/** Days after the quarter's last day by which its report counts as on time (HSA_REPORT_DEADLINE_DAYS). */
export const DEFAULT_DEADLINE_DAYS = 15;

const CHINA_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;

export function deadlineDaysFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.HSA_REPORT_DEADLINE_DAYS;
  if (raw === undefined || raw === "") return DEFAULT_DEADLINE_DAYS;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > 365) {
    throw new Error(`HSA_REPORT_DEADLINE_DAYS must be a whole number of days 0–365 (got "${raw}")`);
  }
  return n;
}

/**
 * The moment a quarter's report is due: the end (24:00 China time, UTC+8, no daylight saving) of
 * the day `days` after the quarter's last day. 2024Q1 with 15 days → 2024-04-15 24:00 +08:00.
 */
export function reportDeadline(quarter: string, days: number): Date {
  return new Date(quarterEnd(quarter).getTime() + (days + 1) * DAY_MS - CHINA_OFFSET_MS);
}

/** True once the quarter is over (its report can be expected). */
export function quarterEnded(quarter: string, now: Date): boolean {
  return quarterEnd(quarter).getTime() + DAY_MS - CHINA_OFFSET_MS <= now.getTime();
}
