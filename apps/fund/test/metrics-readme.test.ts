import { readFileSync } from "node:fs";
import { completenessMetrics } from "@hsa/reporting";
import { metricDocProblems } from "@hsa/test-kit";
import { describe, expect, it } from "vitest";
import { fundMetrics } from "../src";

describe("the README's metric table", () => {
  it("documents every fund metric as the catalogue declares it: name, unit, aggregation, direction, target, maximum, precision", () => {
    const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");
    const catalogue = [...fundMetrics, ...completenessMetrics("fund")];
    expect(metricDocProblems(readme, catalogue)).toEqual([]);
  });
});
