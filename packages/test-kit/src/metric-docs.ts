/**
 * Keeps a subgraph README's metric table true to its catalogue: every metric has a row
 * `| \`id\` | 中文名 | unit | numerator / denominator | agg. | direction | target rule: target | max. | prec. |`
 * whose name, unit, aggregation, direction, target rule and target (or BAND low–high), maximum and
 * precision are the catalogue's. Structural types: no dependency on @hsa/kpi.
 */
export interface DocumentedMetric {
  id: string;
  nameZh: string;
  unit: string;
  aggregation: string;
  direction: string;
  targetRule: string;
  target: number | null;
  targetLow?: number | null;
  targetHigh?: number | null;
  maximum?: number | null;
  precision?: number;
}

/** The README's rows by metric id: the cells after the id, trimmed. */
function rows(readme: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const line of readme.split("\n")) {
    const m = /^\|\s*`([a-z_]+\.[a-z_.]+)`\s*\|(.*)\|\s*$/.exec(line);
    if (m?.[1] && m[2] !== undefined)
      out.set(
        m[1],
        m[2].split("|").map((c) => c.trim()),
      );
  }
  return out;
}

/** Every difference between the README's metric table and the catalogue ([] when they agree). */
export function metricDocProblems(readme: string, catalogue: readonly DocumentedMetric[]): string[] {
  const table = rows(readme);
  const problems: string[] = [];
  for (const m of catalogue) {
    const cells = table.get(m.id);
    if (!cells || cells.length < 8) {
      problems.push(`${m.id}: no row of 8 columns after the id`);
      continue;
    }
    const [nameZh, unit, , agg, direction, target, maximum, precision] = cells as [
      string,
      string,
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    const bare = (s: string) => s.replace(/\*\*/g, "").replace(/\\/g, "");
    const rule =
      m.targetRule === "BAND"
        ? `BAND ${m.targetLow}–${m.targetHigh}`
        : m.targetRule === "NONE"
          ? "NONE"
          : `${m.targetRule} ${m.target}`;
    const expect: [string, boolean][] = [
      [`中文名 ${m.nameZh}`, nameZh === m.nameZh],
      [`unit ${m.unit}`, unit.startsWith(m.unit)],
      [`aggregation ${m.aggregation}`, bare(agg).startsWith(m.aggregation)],
      [`direction ${m.direction}`, direction === m.direction],
      [`target ${rule}`, bare(target) === rule || bare(target).startsWith(`${rule} `)],
      [`maximum ${m.maximum ?? "—"}`, bare(maximum).split(" ")[0] === String(m.maximum ?? "—")],
      [`precision ${m.precision ?? 2}`, precision === String(m.precision ?? 2)],
    ];
    for (const [what, ok] of expect) if (!ok) problems.push(`${m.id}: README should say ${what}`);
  }
  for (const id of table.keys()) {
    if (
      id.split(".").length >= 2 &&
      !catalogue.some((m) => m.id === id) &&
      id.startsWith(`${catalogue[0]?.id.split(".")[0]}.`)
    )
      problems.push(`${id}: documented but not in the catalogue`);
  }
  return problems;
}
