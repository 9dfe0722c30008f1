import type { AssistanceFacts, BalanceFacts, PoolingFacts, RemoteFacts } from "./synthetic";

/**
 * Before the seeds are placed, a seeded unit's synthetic series are scaled so that the seeded
 * quarters' synthetic figures add up to the seeds: the seeds then sit on smooth series (no jump of
 * ×20 into and out of the seeded quarters, which the dashboard would flag as outliers). One factor
 * per group of figures whose order the facts' rules keep (cases, money), so every rule still holds.
 */
type Row = Record<string, unknown>;

function scale(rows: Row[], fields: readonly string[], k: number): void {
  if (!Number.isFinite(k) || k <= 0) return;
  for (const r of rows) {
    for (const f of fields) {
      const v = r[f];
      if (typeof v === "bigint") r[f] = BigInt(Math.round((Number(v) * k) / 100)) * 100n;
      else if (typeof v === "number") r[f] = Math.round(v * k);
    }
  }
}

const total = (rows: Row[], fields: readonly string[]) =>
  rows.reduce((s, r) => s + fields.reduce((t, f) => t + Number(r[f] ?? 0), 0), 0);

/** Scales `fields` of all `rows` so that Σ over `seeded` rows of `of` becomes `want`. */
function anchorTo(
  rows: Row[],
  seeded: (r: Row) => boolean,
  of: readonly string[],
  want: number,
  fields: readonly string[],
) {
  const have = total(rows.filter(seeded), of);
  if (have > 0) scale(rows, fields, want / have);
}

const wan = (v: number) => v * 1_000_000; // 万元 → fen

const H1 = (r: Row) => r.quarter === "2023Q1" || r.quarter === "2023Q2";

/** 屈原管理区 2022: income and expenditure (factor per series). */
export function anchorQuyuan(balances: BalanceFacts[]): void {
  const rows = balances as unknown as Row[];
  const y2022 = (r: Row) => String(r.quarter).startsWith("2022");
  anchorTo(rows, y2022, ["incomeFen"], wan(7102.35), ["incomeFen"]);
  anchorTo(rows, y2022, ["expenditureFen"], wan(6900), ["expenditureFen"]);
}

const REMOTE_CASES = ["inpatient", "chronic", "outpatient"].flatMap((k) => [
  `${k}WithinCases`,
  `${k}CrossCases`,
]);
const REMOTE_FEN = ["inpatient", "chronic", "outpatient"].flatMap((k) => [`${k}WithinFen`, `${k}CrossFen`]);

/** 鄂温克族自治旗 2023H1: remote care per scheme, outpatient pooling, assistance. */
export function anchorEwenki(
  remote: RemoteFacts[],
  pooling: PoolingFacts[],
  assistance: AssistanceFacts[],
): void {
  for (const [scheme, cases, paid] of [
    ["RESIDENT", 4_242, 1122.12 + 24.52],
    ["EMPLOYEE", 49_924, 3693.25 + 126.47],
  ] as const) {
    const rows = remote.filter((r) => r.scheme === scheme) as unknown as Row[];
    anchorTo(rows, H1, REMOTE_CASES, cases, REMOTE_CASES);
    const seededPaid = ["inpatientWithinFen", "inpatientCrossFen", "chronicWithinFen", "chronicCrossFen"];
    anchorTo(rows, H1, seededPaid, wan(paid), REMOTE_FEN);
  }
  const p = pooling as unknown as Row[];
  anchorTo(p, H1, ["visits"], 78_059, ["visits", "pharmacyVisits", "institutionVisits", "personsYtd"]);
  anchorTo(
    p,
    H1,
    ["totalCostFen"],
    wan(2441.25),
    Object.keys(p[0] ?? {}).filter((k) => k.endsWith("Fen")),
  );
  const a = assistance as unknown as Row[];
  for (const [field, want] of [
    ["outpatientAssistanceCases", 1_144],
    ["outpatientAssistanceFen", wan(30.38)],
    ["inpatientAssistanceCases", 1_823],
    ["inpatientAssistanceFen", wan(270.31)],
    ["twoDiseaseApproved", 432],
    ["twoDiseaseSettlements", 3_973],
    ["twoDiseaseFundPaidFen", wan(29.84)],
  ] as const)
    anchorTo(a, H1, [field], want, [field]);
}
