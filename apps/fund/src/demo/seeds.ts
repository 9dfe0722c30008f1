import type { AssistanceFacts, BalanceFacts, PoolingFacts, RemoteFacts } from "./synthetic";

/**
 * Splits a whole `total` over parts in proportion to `weights`, exactly (largest remainder): the
 * parts add up to the total, so a seed's figure is found again to the unit when they are summed.
 */
export function allocate(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (sum > 0 ? (total * w) / sum : total / weights.length));
  const out = raw.map(Math.floor);
  let left = total - out.reduce((s, v) => s + v, 0);
  const order = raw.map((v, i) => [v - Math.floor(v), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i] = (out[i] as number) + 1;
    left--;
  }
  return out;
}

/** The same for money: a total in whole yuan over parts, as integer fen. */
const allocateYuan = (yuan: number, weights: readonly number[]) =>
  allocate(yuan, weights).map((v) => BigInt(v) * 100n);
const wan = (v: string) => Math.round(Number(v) * 10_000); // 万元 with two decimals → whole yuan

/** 屈原管理区 (430671), 2022 (seed 002): 统收上解收入 7,102.35 万元, 统支 6,900 万元 → 当期结余率 2.85%. */
export function seedQuyuan2022(rows: BalanceFacts[]): void {
  const year = rows.filter((r) => r.regionCode === "430671" && r.quarter.startsWith("2022"));
  if (year.length === 0) return;
  const income = allocateYuan(
    wan("7102.35"),
    year.map((r) => Number(r.incomeFen)),
  );
  const spent = allocateYuan(
    wan("6900"),
    year.map((r) => Number(r.expenditureFen)),
  );
  year.forEach((r, i) => {
    r.incomeFen = income[i] as bigint;
    r.expenditureFen = spent[i] as bigint;
  });
}

/** 鄂温克族自治旗 2023: the first half reported by 2023-06-29 (seed 000), split Q1 : Q2 = 46 : 54. */
const H1 = ["2023Q1", "2023Q2"] as const;
const SPLIT = [46, 54];
const isH1 = (r: { regionCode: string; quarter: string }) =>
  r.regionCode === "150724" && (H1 as readonly string[]).includes(r.quarter);
const byQuarter = <T extends { quarter: string }>(rows: T[]) =>
  H1.map((q) => rows.find((r) => r.quarter === q)).filter((r): r is T => r !== undefined);

/** Sets `key` of the two quarters' rows so that they add up to `total`. */
function spread<T>(rows: T[], key: keyof T, total: number, money: boolean): void {
  const parts = money ? allocateYuan(total, SPLIT) : allocate(total, SPLIT);
  rows.forEach((r, i) => {
    (r as Record<keyof T, unknown>)[key] = parts[i];
  });
}

/**
 * 异地就医直接结算 2023H1 (seed 000): 居民 4,242 cases (inpatient 1,030, 1,122.12 万元; chronic
 * outpatient 405, 24.52 万元); 职工 49,924 (inpatient 2,626, 3,693.25 万元; chronic 1,983, 126.47
 * 万元); ordinary outpatient is the rest of each scheme's cases, of which 5,301 across provinces
 * (110.70 万元, both schemes: 门诊统筹 跨省直接结算). Within / across the province for inpatient
 * and chronic care are not in the seed: the county's synthetic share.
 */
export function seedEwenkiRemote(all: RemoteFacts[]): void {
  const rows = all.filter(isH1);
  if (rows.length < 4) return;
  const seed = {
    RESIDENT: { all: 4_242, inpatient: [1_030, "1122.12"], chronic: [405, "24.52"], crossOutpatient: 530 },
    EMPLOYEE: {
      all: 49_924,
      inpatient: [2_626, "3693.25"],
      chronic: [1_983, "126.47"],
      crossOutpatient: 4_771,
    },
  } as const;
  const crossOutpatientYuan = allocate(wan("110.70"), [530, 4_771]);
  for (const scheme of ["RESIDENT", "EMPLOYEE"] as const) {
    const s = seed[scheme];
    const mine = byQuarter(rows.filter((r) => r.scheme === scheme));
    const crossShare = (w: number, c: number) => (w + c > 0 ? c / (w + c) : 0.2);
    for (const kind of ["inpatient", "chronic"] as const) {
      const [cases, paid] = s[kind];
      const share = crossShare(
        mine.reduce((t, r) => t + r[`${kind}WithinCases`], 0),
        mine.reduce((t, r) => t + r[`${kind}CrossCases`], 0),
      );
      const cross = Math.round(cases * share);
      const crossPaid = Math.round(wan(paid) * share);
      spread(mine, `${kind}CrossCases`, cross, false);
      spread(mine, `${kind}WithinCases`, cases - cross, false);
      spread(mine, `${kind}CrossFen`, crossPaid, true);
      spread(mine, `${kind}WithinFen`, wan(paid) - crossPaid, true);
    }
    const ordinary = s.all - s.inpatient[0] - s.chronic[0];
    spread(mine, "outpatientCrossCases", s.crossOutpatient, false);
    spread(mine, "outpatientWithinCases", ordinary - s.crossOutpatient, false);
    spread(mine, "outpatientCrossFen", crossOutpatientYuan[scheme === "RESIDENT" ? 0 : 1] as number, true);
    // within the province: the seed gives no amount; ≈ 180 yuan a visit
    spread(mine, "outpatientWithinFen", (ordinary - s.crossOutpatient) * 180, true);
  }
}

/**
 * 门诊统筹 2023H1 (seed 000): 24,725 persons, 78,059 visits, total cost 2,441.25 万元, fund paid
 * 1,151.23 万元 (47.16%); pharmacies 26,703 visits, 554.07 / 505.75 / 297.5 万元 (53.69%, in scope
 * 91.28%); medical institutions 11,581 visits, 369.09 / 338.22 / 197.01 万元. The total cost within
 * the payment scope is not in the seed: 2,197.13 万元 (90% of the total cost).
 */
export function seedEwenkiPooling(all: PoolingFacts[]): void {
  const rows = byQuarter(all.filter(isH1));
  if (rows.length < 2) return;
  const figures: [keyof PoolingFacts, number, boolean][] = [
    ["visits", 78_059, false],
    ["totalCostFen", wan("2441.25"), true],
    ["inScopeCostFen", wan("2197.13"), true],
    ["fundPaidFen", wan("1151.23"), true],
    ["pharmacyVisits", 26_703, false],
    ["pharmacyTotalCostFen", wan("554.07"), true],
    ["pharmacyInScopeCostFen", wan("505.75"), true],
    ["pharmacyFundPaidFen", wan("297.5"), true],
    ["institutionVisits", 11_581, false],
    ["institutionTotalCostFen", wan("369.09"), true],
    ["institutionInScopeCostFen", wan("338.22"), true],
    ["institutionFundPaidFen", wan("197.01"), true],
  ];
  for (const [key, total, money] of figures) spread(rows, key, total, money);
  // persons of the year to date: the first quarter's are most of them
  const [q1, q2] = rows as [PoolingFacts, PoolingFacts];
  q1.personsYtd = Math.round(24_725 * 0.62);
  q2.personsYtd = 24_725;
}

/**
 * 医疗救助 2023H1 (seed 000): outpatient 1,144 cases 30.38 万元, inpatient 1,823 cases 270.31 万元;
 * 两病 approved 432, settled 3,973 times, 29.84 万元. Subsidised enrollment (8,661 persons, 97.17
 * 万元) comes with the enrollment demo's figures.
 */
export function seedEwenkiAssistance(all: AssistanceFacts[]): void {
  const rows = byQuarter(all.filter(isH1));
  if (rows.length < 2) return;
  const figures: [keyof AssistanceFacts, number, boolean][] = [
    ["outpatientAssistanceCases", 1_144, false],
    ["outpatientAssistanceFen", wan("30.38"), true],
    ["inpatientAssistanceCases", 1_823, false],
    ["inpatientAssistanceFen", wan("270.31"), true],
    ["twoDiseaseApproved", 432, false],
    ["twoDiseaseSettlements", 3_973, false],
    ["twoDiseaseFundPaidFen", wan("29.84"), true],
  ];
  for (const [key, total, money] of figures) spread(rows, key, total, money);
}
