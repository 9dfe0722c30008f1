import { quarterIndex, quarterOf } from "@hsa/periods";
import { getRegion, poolingArea, reportingUnits } from "@hsa/regions";
import { between, seededRandom } from "./random";
import { demoInstitutions, hasFullDemoRegistry, type InstitutionFacts } from "./supervision";

export * from "./payment-facts";

import type {
  DipCaseFacts,
  DipCoefficientFacts,
  DipDeductionFacts,
  DipGrade,
  DipGroupFacts,
  DipInstitutionFacts,
  GlobalBudgetFacts,
  PaymentDemo,
} from "./payment-facts";

/**
 * 鄂温克族自治旗 (seed 000): "我旗共有2家医疗机构按DIP方式进行结算, 2023年第一季度完成了2022年全年3562条数据审核上传" —
 * two DIP institutions (grade II public hospitals) with 3,562 cases for 2022 in total.
 */
export const paymentSeedFacts = {
  regionCode: "150724",
  year: 2022,
  cases: 3562,
  /** the synthetic registry has no 蒙医医院: its second grade-II people's hospital stands in for it */
  institutions: ["150724-H-001", "150724-H-004"],
} as const;

const YEARS = [2021, 2022, 2023, 2024];
export const PAYMENT_CLOSED_YEARS = [2021, 2022, 2023];

const CORE_GROUPS: readonly (readonly [string, string, number])[] = [
  ["I63.9-01", "脑梗死 保守治疗", 1180],
  ["I63.9-02", "脑梗死 溶栓治疗", 2250],
  ["J18.9-01", "肺炎 保守治疗", 620],
  ["J44.1-01", "慢性阻塞性肺病急性加重 保守治疗", 840],
  ["I20.0-01", "不稳定型心绞痛 保守治疗", 760],
  ["I20.0-02", "不稳定型心绞痛 冠状动脉支架植入术", 3120],
  ["I50.9-01", "心力衰竭 保守治疗", 910],
  ["I10.x-01", "原发性高血压 保守治疗", 430],
  ["E11.9-01", "2型糖尿病 保守治疗", 520],
  ["K80.1-01", "胆囊结石伴胆囊炎 腹腔镜胆囊切除术", 1560],
  ["K35.8-01", "急性阑尾炎 腹腔镜阑尾切除术", 1240],
  ["K40.9-01", "腹股沟疝 疝修补术", 1090],
  ["K29.7-01", "胃炎 保守治疗", 360],
  ["K92.2-01", "消化道出血 保守治疗", 880],
  ["N20.0-01", "肾结石 输尿管镜碎石术", 1380],
  ["N40.x-01", "前列腺增生 经尿道前列腺电切术", 1720],
  ["O80.0-01", "单胎顺产", 540],
  ["O82.0-01", "剖宫产", 1020],
  ["S72.0-01", "股骨颈骨折 髋关节置换术", 4260],
  ["S82.2-01", "胫骨骨折 切开复位内固定术", 2380],
  ["M17.9-01", "膝关节骨性关节炎 保守治疗", 480],
  ["M51.2-01", "腰椎间盘突出 保守治疗", 520],
  ["C34.9-01", "肺恶性肿瘤 化学治疗", 1460],
  ["C16.9-01", "胃恶性肿瘤 胃大部切除术", 4820],
  ["C50.9-01", "乳腺恶性肿瘤 乳房改良根治术", 3540],
  ["H25.9-01", "老年性白内障 白内障摘除伴人工晶体植入术", 860],
  ["J35.0-01", "慢性扁桃体炎 扁桃体切除术", 690],
  ["N39.0-01", "泌尿道感染 保守治疗", 410],
  ["A09.x-01", "感染性腹泻 保守治疗", 300],
  ["R50.9-01", "发热 保守治疗", 280],
  ["G45.9-01", "短暂性脑缺血发作 保守治疗", 540],
  ["I48.x-01", "心房颤动 保守治疗", 690],
];
const COMPREHENSIVE_GROUPS: readonly (readonly [string, string, number])[] = [
  ["ZH-SS", "综合病种 手术组", 1650],
  ["ZH-ZL", "综合病种 治疗性操作组", 980],
  ["ZH-ZD", "综合病种 诊断性操作组", 620],
  ["ZH-BS", "综合病种 保守治疗组", 450],
];

const fmt4 = (n: number) => (Math.round(n * 10_000) / 10_000).toFixed(4);

/**
 * The demo pooling areas overlapping a scope: the pools of @hsa/regions (`poolingArea`: a city; a
 * municipality as one pool; a 省直管 county its own), every one of the country.
 */
export function paymentDemoPools(scope = "000000"): string[] {
  return [...new Set(reportingUnits(scope).map((u) => poolingArea(u.code)))].sort();
}

function catalogue(pool: string, year: number): DipGroupFacts[] {
  const r = seededRandom(`payment:catalogue:${pool}`);
  const drift = 1 + 0.02 * (year - 2021);
  return [
    ...CORE_GROUPS.map((g) => [...g, "CORE"] as const),
    ...COMPREHENSIVE_GROUPS.map((g) => [...g, "COMPREHENSIVE"] as const),
  ].map(([code, name, score, type]) => ({
    poolingArea: pool,
    year,
    code,
    name,
    type,
    score: fmt4(score * between(r, 0.9, 1.1) * drift),
  }));
}

function coefficients(pool: string, year: number): DipCoefficientFacts[] {
  const r = seededRandom(`payment:coefficients:${pool}:${year}`);
  const ii = ["0.8500", "0.8800", "0.9000"][Math.floor(r() * 3)] ?? "0.8500";
  return [
    { poolingArea: pool, year, grade: "III", coefficient: "1.0000" },
    { poolingArea: pool, year, grade: "II", coefficient: ii },
    { poolingArea: pool, year, grade: "I", coefficient: "0.7000" },
    { poolingArea: pool, year, grade: "NONE", coefficient: "0.6000" },
  ];
}

function isEligible(i: InstitutionFacts): boolean {
  return i.kind === "HOSPITAL" && i.agreementStatus !== "TERMINATED";
}

function startQuarter(i: InstitutionFacts): string {
  const q = quarterOf(new Date(`${i.agreementStart}T12:00:00+08:00`));
  return quarterIndex(q) < quarterIndex("2021Q1") ? "2021Q1" : q;
}

/** Yuan of fund per point, per grade: bigger hospitals cost more per case. */
const YUAN_PER_POINT: Record<DipGrade, number> = { III: 9.5, II: 8.2, I: 6.8, NONE: 6 };

function shuffle<T>(items: readonly T[], r: () => number): T[] {
  const a = [...items];
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    [a[i], a[j]] = [a[j] as T, a[i] as T];
  }
  return a;
}

/** Scales integer weights to sum exactly to `total` (largest remainder). */
function apportion(weights: number[], total: number): number[] {
  const sum = weights.reduce((s, w) => s + w, 0);
  const raw = weights.map((w) => (w / sum) * total);
  const out = raw.map(Math.floor);
  let left = total - out.reduce((s, n) => s + n, 0);
  const order = raw.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    out[i] = (out[i] ?? 0) + 1;
    left -= 1;
  }
  return out;
}

function poolDemo(pool: string): Omit<PaymentDemo, "pools" | "closedYears" | "openYears"> {
  const groups = YEARS.flatMap((y) => catalogue(pool, y));
  const coefs = YEARS.flatMap((y) => coefficients(pool, y));
  const insts = demoInstitutions(pool).filter(isEligible);
  const institutions: DipInstitutionFacts[] = insts.map((i) => ({
    institutionId: i.id,
    regionCode: i.regionCode,
    poolingArea: pool,
    grade: i.grade ?? "NONE",
    sinceYear: Math.max(2021, Number(i.agreementStart.slice(0, 4))),
  }));
  const seed = paymentSeedFacts;
  const dip = insts.filter((i) => {
    if (i.regionCode === seed.regionCode) return (seed.institutions as readonly string[]).includes(i.id);
    if (i.grade === "II" || i.grade === "III") return true;
    return seededRandom(`payment:dip:${i.id}`)() < 0.35;
  });
  // A sampled county (outside the full-registry provinces) settles its hospital by DIP even when it
  // is grade I, so every county of the country has DIP cases.
  const counties = new Set(dip.map((i) => i.regionCode));
  for (const i of insts) {
    if (counties.has(i.regionCode) || hasFullDemoRegistry(i.regionCode)) continue;
    counties.add(i.regionCode);
    dip.push(i);
  }
  const cases: DipCaseFacts[] = [];
  const yearly = new Map<string, bigint>(); // institution:year → inpatient fund
  for (const inst of dip) {
    const grade: DipGrade = inst.grade ?? "NONE";
    const from = quarterIndex(startQuarter(inst));
    const coef = Number(coefs.find((c) => c.grade === grade)?.coefficient ?? "0.7");
    const size = grade === "III" ? 900 : grade === "II" ? 320 : 60;
    for (const year of YEARS) {
      const r = seededRandom(`payment:cases:${inst.id}:${year}`);
      const cat = groups.filter((g) => g.year === year);
      // A sampled county's hospital (outside the full-registry provinces) reports the same volume in
      // fewer core groups, like a grade I hospital: its county totals stay, at half the rows.
      const fewGroups = grade === "I" || !hasFullDemoRegistry(inst.regionCode);
      const nGroups = fewGroups ? 3 + Math.floor(r() * 3) : 7 + Math.floor(r() * 5);
      const core = cat.filter((g) => g.type === "CORE");
      const chosen = shuffle(core, r).slice(0, nGroups);
      chosen.push(
        ...shuffle(
          cat.filter((g) => g.type === "COMPREHENSIVE"),
          r,
        ).slice(0, grade === "I" ? 1 : 2),
      );
      for (let q = 1; q <= 4; q++) {
        const quarter = `${year}Q${q}`;
        if (quarterIndex(quarter) < from) continue;
        const volume = size * between(r, 0.8, 1.25) * (1 + 0.04 * (year - 2021));
        const weights = chosen.map((g) =>
          g.type === "COMPREHENSIVE" ? between(r, 0.04, 0.08) : between(r, 0.5, 1.5) / nGroups,
        );
        for (const [k, g] of chosen.entries()) {
          const n = Math.max(1, Math.round(volume * (weights[k] ?? 0)));
          cases.push(rowFor(inst, pool, quarter, g, n, coef, grade, r));
        }
      }
    }
  }
  // The seed: 鄂温克族自治旗's two DIP institutions uploaded exactly 3,562 cases for 2022.
  const seeded = cases.filter(
    (c) => c.regionCode === seed.regionCode && c.quarter.startsWith(String(seed.year)),
  );
  if (seeded.length) {
    const counts = apportion(
      seeded.map((c) => c.cases),
      seed.cases,
    );
    seeded.forEach((c, k) => {
      const n = Math.max(0, counts[k] ?? 0);
      const ratio = c.cases === 0 ? 0 : n / c.cases;
      c.cases = n;
      c.inpatientFundFen = BigInt(Math.round(Number(c.inpatientFundFen) * ratio));
      c.dipFundFen = BigInt(Math.round(Number(c.dipFundFen) * ratio));
      c.fundPrepaidFen = BigInt(Math.round(Number(c.fundPrepaidFen) * ratio));
      if (c.dipFundFen > c.inpatientFundFen) c.dipFundFen = c.inpatientFundFen;
    });
  }
  for (const c of cases) {
    const k = `${c.institutionId}:${c.quarter.slice(0, 4)}`;
    yearly.set(k, (yearly.get(k) ?? 0n) + c.inpatientFundFen);
  }
  const budgets = poolBudgets(pool, dip, cases, yearly);
  const deductions: DipDeductionFacts[] = [];
  for (const inst of dip) {
    for (const year of PAYMENT_CLOSED_YEARS) {
      const r = seededRandom(`payment:deduction:${inst.id}:${year}`);
      if (r() >= 0.15) continue;
      const prepaid = cases
        .filter((c) => c.institutionId === inst.id && c.quarter.startsWith(String(year)))
        .reduce((s, c) => s + c.fundPrepaidFen, 0n);
      if (prepaid > 0n) {
        deductions.push({
          poolingArea: pool,
          year,
          institutionId: inst.id,
          deductionFen: (prepaid * BigInt(Math.round(between(r, 5, 30)))) / 1000n,
        });
      }
    }
  }
  return { groups, coefficients: coefs, institutions, cases, budgets, deductions };
}

function rowFor(
  inst: InstitutionFacts,
  pool: string,
  quarter: string,
  g: DipGroupFacts,
  n: number,
  coef: number,
  grade: DipGrade,
  r: () => number,
): DipCaseFacts {
  const points = n * Number(g.score) * coef;
  const dipFund = points * YUAN_PER_POINT[grade] * between(r, 0.92, 1.08);
  const inpatient = dipFund / between(r, 0.7, 0.9);
  return {
    institutionId: inst.id,
    regionCode: inst.regionCode,
    poolingArea: pool,
    quarter,
    groupCode: g.code,
    cases: n,
    fundPrepaidFen: BigInt(Math.round(dipFund * between(r, 0.8, 0.9) * 100)),
    dipFundFen: BigInt(Math.round(dipFund * 100)),
    inpatientFundFen: BigInt(Math.round(inpatient * 100)),
  };
}

function poolBudgets(
  pool: string,
  dip: InstitutionFacts[],
  cases: DipCaseFacts[],
  yearly: Map<string, bigint>,
): GlobalBudgetFacts[] {
  const out: GlobalBudgetFacts[] = [];
  const name = getRegion(pool)?.name ?? pool;
  const byQuarter = new Map<string, bigint>(); // institution:quarter → inpatient fund
  for (const c of cases) {
    const k = `${c.institutionId}:${c.quarter}`;
    byQuarter.set(k, (byQuarter.get(k) ?? 0n) + c.inpatientFundFen);
  }
  for (const year of YEARS) {
    const r = seededRandom(`payment:budget:${pool}:${year}`);
    const dipFund = cases
      .filter((c) => c.quarter.startsWith(String(year)))
      .reduce((s, c) => s + c.dipFundFen, 0n);
    if (dipFund === 0n) continue;
    out.push({
      kind: "POOL",
      poolingArea: pool,
      regionCode: pool,
      key: pool,
      name: `${name}${year}年DIP统筹基金预算`,
      year,
      budgetFen: (dipFund * BigInt(Math.round(between(r, 960, 1040)))) / 1000n,
      surplusRetainedShare: "0.0000",
      overspendSharedShare: "0.0000",
      spend: [1, 2, 3, 4].map((q) => ({
        quarter: `${year}Q${q}`,
        spentFen: cases.filter((c) => c.quarter === `${year}Q${q}`).reduce((s, c) => s + c.dipFundFen, 0n),
      })),
    });
    // Institution budgets for grade II/III; one county health alliance (医共体) per county for grade I.
    const alliances = new Map<string, bigint>();
    for (const inst of dip) {
      const fund = yearly.get(`${inst.id}:${year}`) ?? 0n;
      if (fund === 0n) continue;
      const spend = [1, 2, 3, 4].map((q) => ({
        quarter: `${year}Q${q}`,
        spentFen: byQuarter.get(`${inst.id}:${year}Q${q}`) ?? 0n,
      }));
      if (inst.grade === "I") {
        alliances.set(inst.regionCode, (alliances.get(inst.regionCode) ?? 0n) + fund);
        continue;
      }
      out.push({
        kind: "INSTITUTION",
        poolingArea: pool,
        regionCode: inst.regionCode,
        key: inst.id,
        name: `${inst.name}${year}年总额预算`,
        year,
        budgetFen: (fund * BigInt(Math.round(between(r, 950, 1080)))) / 1000n,
        surplusRetainedShare: "0.6000",
        overspendSharedShare: "0.4000",
        spend,
      });
    }
    for (const [county, fund] of alliances) {
      const key = `${county}-ALLIANCE`;
      out.push({
        kind: "ALLIANCE",
        poolingArea: pool,
        regionCode: county,
        key,
        name: `${getRegion(county)?.name ?? county}县域医共体${year}年总额预算`,
        year,
        budgetFen: (fund * BigInt(Math.round(between(r, 950, 1100)))) / 1000n,
        surplusRetainedShare: "1.0000",
        overspendSharedShare: "0.5000",
        spend: [1, 2, 3, 4].map((q) => ({
          quarter: `${year}Q${q}`,
          spentFen: dip
            .filter((i) => i.grade === "I" && i.regionCode === county)
            .reduce((s, i) => s + (byQuarter.get(`${i.id}:${year}Q${q}`) ?? 0n), 0n),
        })),
      });
    }
  }
  return out;
}

/**
 * Deterministic payment-reform demo data (DIP catalogue, coefficients, eligible institutions,
 * quarterly case aggregates with prepayments and fund figures, global budgets with spend,
 * assessment deductions) for every pooling area (city) overlapping `scope` (default: every city
 * of the country; institutions as `demoSupervision`'s), 2021–2024. A pool is always generated whole (its point value
 * depends on all its institutions); 鄂温克族自治旗's 2022 case total is the seed's 3,562.
 */
export function demoPayment(opts: { scope?: string } = {}): PaymentDemo {
  const pools = paymentDemoPools(opts.scope);
  const out: PaymentDemo = {
    pools,
    groups: [],
    coefficients: [],
    institutions: [],
    cases: [],
    budgets: [],
    deductions: [],
    closedYears: PAYMENT_CLOSED_YEARS,
    openYears: [2024],
  };
  for (const pool of pools) {
    const part = poolDemo(pool);
    out.groups.push(...part.groups);
    out.coefficients.push(...part.coefficients);
    out.institutions.push(...part.institutions);
    out.cases.push(...part.cases);
    out.budgets.push(...part.budgets);
    out.deductions.push(...part.deductions);
  }
  return out;
}
