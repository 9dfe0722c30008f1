import { describe, expect, it } from "vitest";
import { latestQuarterResolver, subgraphTypeDefs } from "../src";

describe("Query.<domain>LatestQuarter", () => {
  const catalogue = [{ id: "x.rate" }, { id: "x.reporting_completeness" }, { id: "x.reporting_timeliness" }];
  // A Region.xKpis over the windows it is asked for: x.rate has figures up to 2024Q4; the
  // completeness KPIs have a value in every quarter (as they do for every ended quarter).
  const asked: { code: string; from: string; to: string; metrics: string[] }[] = [];
  const kpis = async (region: unknown, args: unknown) => {
    const { from, to, metrics } = args as { from: string; to: string; metrics: string[] };
    asked.push({ code: (region as { code: string }).code, from, to, metrics });
    const quarters: string[] = [];
    for (let y = Number(from.slice(0, 4)); y <= Number(to.slice(0, 4)); y++)
      for (let q = 1; q <= 4; q++) if (`${y}Q${q}` >= from && `${y}Q${q}` <= to) quarters.push(`${y}Q${q}`);
    return metrics.map((id) => ({
      metric: { id },
      points: quarters.map((quarter) => ({
        quarter,
        status: id !== "x.rate" || quarter <= "2024Q4" ? "MET" : "NO_DATA",
      })),
    }));
  };
  const resolve = latestQuarterResolver(
    kpis,
    () => catalogue,
    () => new Date("2026-11-23T00:00:00Z"),
  );
  const city = { principal: { sub: "c", name: "c", scope: "150700", roles: ["viewer" as const] } };

  it("is the last quarter with figures, the completeness KPIs left out, in 8-quarter windows back from now", async () => {
    asked.length = 0;
    expect(await resolve(undefined, { region: "150724" }, city)).toBe("2024Q4");
    expect(asked).toEqual([
      { code: "150724", from: "2025Q1", to: "2026Q4", metrics: ["x.rate"] },
      { code: "150724", from: "2023Q1", to: "2024Q4", metrics: ["x.rate"] },
    ]);
  });

  it("is null after three empty windows, and FORBIDDEN outside the caller's scope", async () => {
    const never = latestQuarterResolver(
      async (_r: unknown, a: unknown) =>
        (a as { metrics: string[] }).metrics.map((id) => ({ metric: { id }, points: [] })),
      () => catalogue,
    );
    expect(await never(undefined, { region: "150700" }, city)).toBeNull();
    await expect(resolve(undefined, { region: "430600" }, city)).rejects.toMatchObject({
      extensions: { code: "FORBIDDEN" },
    });
  });

  it("with the domain's reported tables, is their last quarter (no KPI roll-up), within 24 quarters", async () => {
    asked.length = 0;
    const calls: [string, string][] = [];
    const fromTables = (latest: string | null) =>
      latestQuarterResolver(
        kpis,
        () => catalogue,
        () => new Date("2026-11-23T00:00:00Z"),
        async (code, upTo) => {
          calls.push([code, upTo]);
          return latest;
        },
      );
    expect(await fromTables("2025Q2")(undefined, { region: "150724" }, city)).toBe("2025Q2");
    expect(calls).toEqual([["150724", "2026Q4"]]);
    expect(asked).toEqual([]);
    expect(await fromTables("2021Q1")(undefined, { region: "150724" }, city)).toBe("2021Q1");
    expect(await fromTables("2020Q4")(undefined, { region: "150724" }, city)).toBeNull();
    expect(await fromTables(null)(undefined, { region: "150724" }, city)).toBeNull();
    await expect(fromTables("2025Q2")(undefined, { region: "430600" }, city)).rejects.toMatchObject({
      extensions: { code: "FORBIDDEN" },
    });
  });

  it("is added to the schema for every Region.<domain>Kpis", () => {
    const own = `extend type Region @key(fields: "code") { fooKpis(from: Quarter!, to: Quarter!, metrics: [ID!]): [KpiSeries!]! }
      type Query { fooMetrics: [Metric!]! }`;
    const query = subgraphTypeDefs(own).definitions.flatMap((d) =>
      "name" in d && d.name?.value === "Query" && "fields" in d
        ? (d.fields ?? []).map((f) => f.name.value)
        : [],
    );
    expect(query).toContain("fooLatestQuarter");
  });
});
