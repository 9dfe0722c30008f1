import { quarterIndex, quarterRange } from "@hsa/periods";
import { reportingUnits } from "@hsa/regions";
import { demoEnrollment } from "./enrollment";
import { between, seededRandom } from "./random";

/** One county's remote-care registrations (异地就医备案) of one scheme filed in one quarter. */
export interface RemoteRegistrationFacts {
  regionCode: string;
  quarter: string;
  scheme: "EMPLOYEE" | "RESIDENT";
  registrations: number;
}

type Scheme = RemoteRegistrationFacts["scheme"];

/**
 * Real published figures (see ../shared/seeds/): totals of a unit over a run of quarters, per scheme.
 * 000: 鄂温克族自治旗, report dated 2023-06-29 — "截至目前，异地就医备案3336人次，其中居民929人次、
 * 职工2407人次" (2023 to date: 2023Q1–Q2).
 */
export const remoteRegistrationSeeds: Record<
  string,
  { from: string; to: string; totals: Record<Scheme, number> }
> = {
  "150724": { from: "2023Q1", to: "2023Q2", totals: { RESIDENT: 929, EMPLOYEE: 2_407 } },
};

const SCHEMES: readonly Scheme[] = ["EMPLOYEE", "RESIDENT"];

/**
 * Deterministic registrations for every reporting unit under `scope` and every quarter in
 * [from, to], per scheme, sized on the unit's insured persons of that scheme (the enrollment demo):
 * employees register far more often (relocated retirees) than residents. A seeded unit's series of a
 * scheme is scaled by Σseed / Σsynthetic over its seeded quarters, and the seeded quarters are set
 * so that they add up to the seed exactly (rounding goes to the last one).
 */
export function demoRemoteRegistrations(
  opts: { scope?: string; from?: string; to?: string } = {},
): RemoteRegistrationFacts[] {
  const from = opts.from ?? "2021Q1";
  const to = opts.to ?? "2024Q4";
  const out: RemoteRegistrationFacts[] = [];
  for (const unit of reportingUnits(opts.scope ?? "000000")) {
    const seed = remoteRegistrationSeeds[unit.code];
    // the seeded quarters are part of the series even when the range leaves them out
    const lo = seed && seed.from < from ? seed.from : from;
    const hi = seed && seed.to > to ? seed.to : to;
    const enrollment = demoEnrollment({ scope: unit.code, from: lo, to: hi });
    const r = seededRandom(`remote-registration:${unit.code}`);
    const rate: Record<Scheme, number> = {
      EMPLOYEE: between(r, 0.006, 0.014), // per quarter, of the scheme's insured persons
      RESIDENT: between(r, 0.0008, 0.002),
    };
    const gain = between(r, 0.005, 0.02); // per quarter: registration moved online (跨省通办)
    const series = new Map<string, Record<Scheme, number>>();
    for (const f of enrollment) {
      const qr = seededRandom(`remote-registration:${unit.code}:${f.quarter}`);
      const t = quarterIndex(f.quarter) - quarterIndex("2021Q1");
      const insured: Record<Scheme, number> = { EMPLOYEE: f.insuredEmployee, RESIDENT: f.insuredResident };
      series.set(
        f.quarter,
        Object.fromEntries(
          SCHEMES.map((s) => [s, insured[s] * rate[s] * (1 + gain * t) * between(qr, 0.85, 1.15)]),
        ) as Record<Scheme, number>,
      );
    }
    const seeded = seed ? quarterRange(seed.from, seed.to) : [];
    for (const scheme of SCHEMES) {
      const have = seeded.reduce((s, q) => s + (series.get(q)?.[scheme] ?? 0), 0);
      const k = seed && have > 0 ? seed.totals[scheme] / have : 1;
      const value = new Map([...series].map(([q, v]) => [q, Math.round(v[scheme] * k)]));
      // the seeded quarters add up to the seed exactly: the last one takes what rounding left
      let left = seed?.totals[scheme] ?? 0;
      seeded.forEach((q, i) => {
        const v = i === seeded.length - 1 ? left : Math.min(left, value.get(q) ?? 0);
        value.set(q, v);
        left -= v;
      });
      for (const quarter of quarterRange(from, to))
        out.push({ regionCode: unit.code, quarter, scheme, registrations: value.get(quarter) ?? 0 });
    }
  }
  return out;
}
