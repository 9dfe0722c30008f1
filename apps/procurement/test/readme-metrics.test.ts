// The README's KPI table is what bureaus read: every metric of the catalogue has its row, and the
// row says what src/metrics.ts (and @hsa/reporting) define — name, unit, aggregation, direction,
// target rule and target, maximum, precision.
import { readFileSync } from "node:fs";
import type { MetricDefinition } from "@hsa/kpi";
import { completenessMetrics } from "@hsa/reporting";
import { describe, expect, it } from "vitest";
import { procurementMetrics } from "../src";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
const catalogue: readonly MetricDefinition[] = [...procurementMetrics, ...completenessMetrics("procurement")];

describe("README KPI table", () => {
  it.each(catalogue.map((m) => [m.id, m] as const))("describes %s as the catalogue does", (id, m) => {
    const row = readme.split("\n").find((line) => line.startsWith(`| \`${id}\` |`));
    expect(row, `no row for ${id}`).toBeDefined();
    const cells = (row ?? "")
      .split("|")
      .slice(1, -1)
      .map((c) => c.trim());
    const [, nameZh, unit, , aggregation, direction, rule, maximum, precision] = cells;
    expect(nameZh).toBe(m.nameZh);
    expect(unit).toBe(m.unit);
    expect(aggregation).toBe(m.aggregation);
    expect(direction).toBe(m.direction);
    expect(rule?.startsWith(`${m.targetRule} ${m.target ?? "—"}`), `${id}: ${rule}`).toBe(true);
    expect(maximum?.split(" ")[0]).toBe(m.maximum == null ? "—" : String(m.maximum));
    expect(precision).toBe(String(m.precision ?? 2));
  });
});
