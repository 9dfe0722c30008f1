import { type SQL, sql } from "drizzle-orm";
import { agreementHistory, type InstitutionRow, institution } from "./schema";

/**
 * The effective-dated registry (issue 14). An institution counts as designated ("active") on a day
 * when its agreement has started, has not ended (agreement_end is the termination or expiry date)
 * and the agreement status in effect that day — the last `agreement_history` row effective on or
 * before it — is not SUSPENDED. A status change takes effect on the day it is made, so it never
 * rewrites a past quarter; changes of the agreement dates, which do reach into the past, are
 * refused when they would change an approved quarter (see `quartersChanged`).
 *
 * An institution without any SUSPENDED row in its history (rows loaded in bulk without a history,
 * e.g. by a benchmark generator) falls back to its current status, as before histories existed.
 */

export type AgreementStatus = InstitutionRow["agreementStatus"];

/** One history row, as the counting rules need it. */
export interface AgreementEvent {
  effectiveOn: string;
  status: AgreementStatus;
}

/** The agreement of an institution as counted: its dates and current status. */
export type AgreementState = Pick<InstitutionRow, "agreementStart" | "agreementEnd" | "agreementStatus">;

/**
 * The history an institution gets when none was recorded (the migration's backfill, demo loads,
 * a first change of a row loaded without history): its current status as in effect since its
 * agreement start; a TERMINATED agreement is ACTIVE from its start and TERMINATED from its end.
 * Every count stays what it was under the old, undated rule.
 */
export function baselineHistory(s: AgreementState): (AgreementEvent & { agreementEnd: string | null })[] {
  const end = s.agreementEnd ?? null;
  if (s.agreementStatus === "TERMINATED" && end !== null) {
    return [
      { effectiveOn: s.agreementStart, status: "ACTIVE", agreementEnd: end },
      { effectiveOn: end, status: "TERMINATED", agreementEnd: end },
    ];
  }
  return [{ effectiveOn: s.agreementStart, status: s.agreementStatus, agreementEnd: end }];
}

/** Suspended on `date`: the status in effect then (events in recording order). */
export function suspendedOn(
  events: readonly AgreementEvent[],
  current: AgreementStatus,
  date: string,
): boolean {
  if (!events.some((e) => e.status === "SUSPENDED")) return current === "SUSPENDED";
  let status: AgreementStatus | null = null;
  let on = "";
  for (const e of events) {
    // the last row effective on or before the date wins; rows of one day: the later one
    if (e.effectiveOn <= date && e.effectiveOn >= on) {
      status = e.status;
      on = e.effectiveOn;
    }
  }
  return status === "SUSPENDED";
}

/** Designated with an active agreement on `date` (the JavaScript twin of `activeOn`). */
export function activeOnDate(s: AgreementState, events: readonly AgreementEvent[], date: string): boolean {
  return (
    s.agreementStart <= date &&
    (s.agreementEnd === null || s.agreementEnd >= date) &&
    !suspendedOn(events, s.agreementStatus, date)
  );
}

/** "YYYY-MM-DD" → "YYYYQn" (a calendar date, no time zone involved). */
export function quarterOfIsoDate(isoDate: string): string {
  return `${isoDate.slice(0, 4)}Q${Math.ceil(Number(isoDate.slice(5, 7)) / 3)}`;
}

const QUARTER_END = ["03-31", "06-30", "09-30", "12-31"] as const;

/**
 * The quarters from the one holding `fromDate` to `toQuarter` (inclusive) whose last day counts the
 * institution differently before and after a registry change: the county-quarters whose inspection
 * coverage the change would alter. `before` null: the institution is new.
 */
export function quartersChanged(
  before: { state: AgreementState; events: readonly AgreementEvent[] } | null,
  after: { state: AgreementState; events: readonly AgreementEvent[] },
  fromDate: string,
  toQuarter: string,
): string[] {
  const out: string[] = [];
  const index = (q: string) => Number(q.slice(0, 4)) * 4 + Number(q.slice(5)) - 1;
  const last = index(toQuarter);
  for (let i = index(quarterOfIsoDate(fromDate)); i <= last; i++) {
    const year = Math.floor(i / 4);
    const q = (i % 4) + 1;
    const end = `${String(year).padStart(4, "0")}-${QUARTER_END[q - 1]}`;
    const was = before ? activeOnDate(before.state, before.events, end) : false;
    if (was !== activeOnDate(after.state, after.events, end)) out.push(`${year}Q${q}`);
  }
  return out;
}

/**
 * Per institution that was ever suspended: the days it was suspended, a datemultirange built from
 * its history (each row's status lasts until the next row's date). One small aggregate over the
 * few suspended institutions, joined to the registry as `s`.
 */
const suspendedRanges: SQL = sql`(
  select e.institution_id, range_agg(daterange(e.effective_on, e.next_on, '[)')) as suspended
  from (
    select h.institution_id, h.status, h.effective_on,
      lead(h.effective_on) over (partition by h.institution_id order by h.effective_on, h.id) as next_on
    from ${agreementHistory} h
    where h.institution_id in (
      select x.institution_id from ${agreementHistory} x where x.status = 'SUSPENDED'
    )
  ) as e
  where e.status = 'SUSPENDED'
  group by e.institution_id
)`;

/** `left join` of the suspended days (alias `s`) onto the registry, for `activeOn`. */
export const joinSuspended: SQL = sql`left join ${suspendedRanges} as s on s.institution_id = ${institution.id}`;

/**
 * Institutions designated with an active agreement on `isoDate` (needs `joinSuspended`): the
 * agreement has started and not ended, and it was not suspended that day — by its history, or by
 * its current status when it has no suspension on record.
 */
export function activeOn(isoDate: string): SQL {
  const t = institution;
  return sql`(${t.agreementStart} <= ${isoDate}::date and (${t.agreementEnd} is null or ${t.agreementEnd} >= ${isoDate}::date) and not coalesce(s.suspended @> ${isoDate}::date, ${t.agreementStatus} = 'SUSPENDED'))`;
}
