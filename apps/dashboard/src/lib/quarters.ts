/** Quarter helpers ("2023Q1"), browser-side (packages/periods pulls in graphql, too heavy here). */
const RE = /^(\d{4})Q([1-4])$/;

export function isQuarter(s: string | null | undefined): s is string {
  return typeof s === "string" && RE.test(s);
}

export function quarterIndex(q: string): number {
  const m = RE.exec(q);
  if (!m) throw new Error(`invalid quarter ${q}`);
  return Number(m[1]) * 4 + Number(m[2]) - 1;
}

export function fromIndex(i: number): string {
  return `${Math.floor(i / 4)}Q${(i % 4) + 1}`;
}

export function addQuarters(q: string, n: number): string {
  return fromIndex(quarterIndex(q) + n);
}

export function quarterRange(from: string, to: string): string[] {
  const out: string[] = [];
  for (let i = quarterIndex(from); i <= quarterIndex(to); i++) out.push(fromIndex(i));
  return out;
}

export function currentQuarter(now: Date = new Date()): string {
  return `${now.getFullYear()}Q${Math.floor(now.getMonth() / 3) + 1}`;
}

export function compareQuarters(a: string, b: string): number {
  return quarterIndex(a) - quarterIndex(b);
}

/** "2023年第一季度" / "2023 Q1". */
export function quarterLabel(q: string, lang: "zh" | "en"): string {
  const m = RE.exec(q);
  if (!m) return q;
  if (lang === "en") return `${m[1]} Q${m[2]}`;
  return `${m[1]}年第${"一二三四"[Number(m[2]) - 1]}季度`;
}

/** Compact axis label: "23Q1". */
export function quarterShort(q: string): string {
  return q.slice(2);
}
