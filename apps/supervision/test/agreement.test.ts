import { describe, expect, it } from "vitest";
import {
  type AgreementEvent,
  activeOnDate,
  baselineHistory,
  quarterOfIsoDate,
  quartersChanged,
  suspendedOn,
} from "../src/db/agreement";

const open = { agreementStart: "2020-03-15", agreementEnd: null, agreementStatus: "ACTIVE" as const };

describe("effective-dated agreement status", () => {
  it("takes the last status effective on or before the day (the later row on a tie)", () => {
    const events: AgreementEvent[] = [
      { effectiveOn: "2020-03-15", status: "ACTIVE" },
      { effectiveOn: "2026-12-02", status: "SUSPENDED" },
      { effectiveOn: "2027-02-01", status: "ACTIVE" },
      { effectiveOn: "2027-02-01", status: "SUSPENDED" },
    ];
    expect(suspendedOn(events, "SUSPENDED", "2024-06-30")).toBe(false);
    expect(suspendedOn(events, "SUSPENDED", "2026-12-01")).toBe(false);
    expect(suspendedOn(events, "SUSPENDED", "2026-12-02")).toBe(true);
    expect(suspendedOn(events, "SUSPENDED", "2027-03-31")).toBe(true);
  });

  it("falls back to the current status when no suspension is on record", () => {
    expect(suspendedOn([], "SUSPENDED", "2024-06-30")).toBe(true);
    expect(suspendedOn([{ effectiveOn: "2020-01-01", status: "ACTIVE" }], "ACTIVE", "2024-06-30")).toBe(
      false,
    );
  });

  it("keeps the old figures in the baseline: a SUSPENDED institution suspended since its start", () => {
    const s = { ...open, agreementStatus: "SUSPENDED" as const };
    const events = baselineHistory(s);
    expect(events).toEqual([{ effectiveOn: "2020-03-15", status: "SUSPENDED", agreementEnd: null }]);
    expect(activeOnDate(s, events, "2021-12-31")).toBe(false);
    const t = { ...open, agreementStatus: "TERMINATED" as const, agreementEnd: "2023-05-01" };
    expect(baselineHistory(t).map((e) => [e.effectiveOn, e.status])).toEqual([
      ["2020-03-15", "ACTIVE"],
      ["2023-05-01", "TERMINATED"],
    ]);
    expect(activeOnDate(t, baselineHistory(t), "2023-03-31")).toBe(true);
    expect(activeOnDate(t, baselineHistory(t), "2023-06-30")).toBe(false);
  });

  it("finds the quarters a change alters: a suspension today only the current one", () => {
    const before = { state: open, events: [{ effectiveOn: "2020-03-15", status: "ACTIVE" as const }] };
    const after = {
      state: { ...open, agreementStatus: "SUSPENDED" as const },
      events: [...before.events, { effectiveOn: "2026-12-02", status: "SUSPENDED" as const }],
    };
    expect(quartersChanged(before, after, "2020-03-15", "2026Q4")).toEqual(["2026Q4"]);
    // an end date moved back into the past: every quarter end after it
    const ended = { ...after, state: { ...open, agreementEnd: "2025-11-15" }, events: before.events };
    expect(quartersChanged(before, ended, "2020-03-15", "2026Q4")).toEqual([
      "2025Q4",
      "2026Q1",
      "2026Q2",
      "2026Q3",
      "2026Q4",
    ]);
    // a new institution: every quarter end from its start; a start in the future: none
    expect(quartersChanged(null, before, "2020-03-15", "2020Q4")).toEqual([
      "2020Q1",
      "2020Q2",
      "2020Q3",
      "2020Q4",
    ]);
    expect(quartersChanged(null, before, "2027-01-01", "2026Q4")).toEqual([]);
    expect(quarterOfIsoDate("2024-10-01")).toBe("2024Q4");
  });
});
