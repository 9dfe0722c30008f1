import { describe, expect, it } from "vitest";
import { completenessMetrics } from "../src/completeness";
import { deadlineDaysFromEnv, quarterEnded, reportDeadline } from "../src/report-period";

describe("report deadlines", () => {
  it("are the end of the N-th day after the quarter, China time", () => {
    expect(reportDeadline("2024Q1", 15).toISOString()).toBe("2024-04-15T16:00:00.000Z"); // 04-15 24:00 +08:00
    expect(reportDeadline("2024Q4", 15).toISOString()).toBe("2025-01-15T16:00:00.000Z");
    expect(reportDeadline("2024Q3", 0).toISOString()).toBe("2024-09-30T16:00:00.000Z");
  });

  it("a quarter has ended once its last day is over in China", () => {
    expect(quarterEnded("2024Q1", new Date("2024-03-31T15:59:59Z"))).toBe(false);
    expect(quarterEnded("2024Q1", new Date("2024-03-31T16:00:00Z"))).toBe(true);
  });

  it("reads HSA_REPORT_DEADLINE_DAYS and refuses nonsense", () => {
    expect(deadlineDaysFromEnv({})).toBe(15);
    expect(deadlineDaysFromEnv({ HSA_REPORT_DEADLINE_DAYS: "30" })).toBe(30);
    expect(() => deadlineDaysFromEnv({ HSA_REPORT_DEADLINE_DAYS: "-1" })).toThrow(/0–365/);
    expect(() => deadlineDaysFromEnv({ HSA_REPORT_DEADLINE_DAYS: "ten" })).toThrow(
      /HSA_REPORT_DEADLINE_DAYS/,
    );
  });

  it("completeness KPIs are flow ratios named per domain, the deadline in their wording", () => {
    const [c, t] = completenessMetrics("procurement", 20);
    expect(c.id).toBe("procurement.reporting_completeness");
    expect(t.id).toBe("procurement.reporting_timeliness");
    expect(c.aggregation).toBe("FLOW");
    expect(t.numeratorZh).toContain("20 天");
  });
});
