import { quarterIndex, quarterOf } from "@hsa/periods";
import { getRegion, isInSubtree, type Region, reportingUnits } from "@hsa/regions";
import { between, seededRandom } from "./random";

export type InstitutionKind = "HOSPITAL" | "PHARMACY" | "CLINIC" | "VILLAGE_CLINIC";
export type InstitutionGrade = "I" | "II" | "III";
export type Ownership = "PUBLIC" | "PRIVATE";
export type AgreementStatus = "ACTIVE" | "SUSPENDED" | "TERMINATED";
export type InspectionKind = "ROUTINE" | "SPECIAL" | "FLYING" | "CROSS";
export type DispositionKind =
  | "INTERVIEW"
  | "RECOVERY"
  | "PENALTY"
  | "REFUSAL"
  | "DEDUCTION"
  | "SELF_CORRECTION";

/** A designated medical institution or pharmacy (定点医药机构): the supervision subgraph's institution row. */
export interface InstitutionFacts {
  /** "<county code>-<H|P|C|V>-<nnn>", e.g. "150724-H-001" */
  id: string;
  name: string;
  kind: InstitutionKind;
  /** hospitals only */
  grade: InstitutionGrade | null;
  ownership: Ownership;
  /** the reporting unit (county) it belongs to */
  regionCode: string;
  agreementStatus: AgreementStatus;
  /** "YYYY-MM-DD" */
  agreementStart: string;
  /** "YYYY-MM-DD"; set for TERMINATED (the termination date), null while the agreement is open-ended */
  agreementEnd: string | null;
}

export interface DispositionFacts {
  kind: DispositionKind;
  /** integer fen; null for INTERVIEW (an interview has no amount) */
  amountFen: bigint | null;
  note: string;
}

export interface InspectionFacts {
  institutionId: string;
  regionCode: string;
  /** "YYYY-MM-DD" */
  inspectedOn: string;
  /** quarter of `inspectedOn` (@hsa/periods quarterOf) */
  quarter: string;
  kind: InspectionKind;
  findings: string;
  dispositions: DispositionFacts[];
}

export interface SupervisionDemo {
  institutions: InstitutionFacts[];
  /** ordered by date, then institution */
  inspections: InspectionFacts[];
}

/**
 * The provinces whose demo registry is whole (内蒙古, 湖南, 青海: the seeds' provinces, every
 * institution of `unitInstitutions`). Every other reporting unit has demo data too, from a sample
 * of its registry (`DEMO_REGISTRY_DENSITY`), so the first start loads the whole country quickly.
 */
export const SUPERVISION_DEMO_PROVINCES = ["150000", "430000", "630000"] as const;

/**
 * Share of a county's registry in the demo outside `SUPERVISION_DEMO_PROVINCES` (each institution
 * kept or not by its own seed, so a unit's sample never depends on the scope asked for). A county
 * always keeps its first open grade II/III hospital, so every county has purchases, VBP, DIP
 * cases and budgets. Rates (网采率, VBP completion, DIP) stay realistic; absolute sums of these
 * counties are about this share of a full registry's.
 */
export const DEMO_REGISTRY_DENSITY = 0.05;

/** The quarter of a "YYYY-MM-DD" date (calendar date in China). */
export function quarterOfDate(isoDate: string): string {
  return quarterOf(new Date(`${isoDate}T12:00:00+08:00`));
}

const YEARS = [2021, 2022, 2023, 2024];
const pad = (n: number, w = 2) => String(n).padStart(w, "0");
const LETTER: Record<InstitutionKind, string> = {
  HOSPITAL: "H",
  PHARMACY: "P",
  CLINIC: "C",
  VILLAGE_CLINIC: "V",
};
const PHARMACY_CHAINS = [
  "老百姓大药房",
  "益丰大药房",
  "国药控股大药房",
  "同仁堂药店",
  "康佰家大药房",
  "仁和药房",
];
const HOSPITAL_NAMES: Record<InstitutionGrade, string[]> = {
  III: ["中心医院", "第一人民医院", "中医医院（三级）"],
  II: ["人民医院", "中医医院", "妇幼保健院", "第二人民医院", "蒙医医院", "骨伤科医院"],
  I: [],
};
const FINDINGS: Record<InspectionKind, string[]> = {
  ROUTINE: ["日常巡查，未发现明显问题", "医保结算清单填写不规范", "进销存台账与结算数据不符"],
  SPECIAL: ["专项检查：重复收费、超标准收费", "专项检查：串换药品、耗材", "专项检查：分解住院"],
  FLYING: ["飞行检查：挂床住院", "飞行检查：虚构医疗服务", "飞行检查：过度诊疗"],
  CROSS: ["交叉检查：违规收费", "交叉检查：超医保限定支付范围用药"],
};
const NOTES: Record<DispositionKind, string> = {
  INTERVIEW: "约谈主要负责人，限期整改",
  RECOVERY: "追回违规使用的医保基金",
  PENALTY: "依法作出行政处罚",
  REFUSAL: "审核拒付",
  DEDUCTION: "年度考核扣付预留金",
  SELF_CORRECTION: "自查自纠主动退回",
};

function pick<T>(r: () => number, items: readonly T[]): T {
  return items[Math.floor(r() * items.length) % items.length] as T;
}

function weighted<T>(r: () => number, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  let x = r() * total;
  for (const [v, w] of items) {
    x -= w;
    if (x < 0) return v;
  }
  return (items[items.length - 1] as readonly [T, number])[0];
}

function int(r: () => number, lo: number, hi: number): number {
  return lo + Math.floor(r() * (hi - lo + 1));
}

function isoDay(r: () => number, from: string, to: string): string {
  const a = Date.parse(`${from}T00:00:00Z`);
  const b = Date.parse(`${to}T00:00:00Z`);
  return new Date(a + Math.floor(r() * ((b - a) / 86_400_000 + 1)) * 86_400_000).toISOString().slice(0, 10);
}

function isUrbanDistrict(unit: Region): boolean {
  return unit.name.endsWith("区") && !unit.name.endsWith("管理区");
}

/** The institutions of one reporting unit (deterministic, independent of any other unit). */
export function unitInstitutions(unit: Region): InstitutionFacts[] {
  const r = seededRandom(`supervision:${unit.code}`);
  const size = r(); // 0 = small county, 1 = large
  const urban = isUrbanDistrict(unit);
  const counts = {
    III: urban ? int(r, 0, 2) : 0,
    II: int(r, 2, 2 + Math.round(3 * size)),
    I: int(r, 5, 5 + Math.round(10 * size)),
    CLINIC: int(r, 1, 6),
    PHARMACY: int(r, 10, 10 + Math.round(50 * size)),
    VILLAGE_CLINIC: urban ? int(r, 0, 10) : int(r, 10, 10 + Math.round(70 * size)),
  };
  // The seeds place 79 pharmacy inspections in half a year at 鄂温克族自治旗: give it a realistic registry.
  if (unit.code === "150724") Object.assign(counts, { II: 4, I: 14, PHARMACY: 56, VILLAGE_CLINIC: 28 });
  const out: InstitutionFacts[] = [];
  const seq: Record<InstitutionKind, number> = { HOSPITAL: 0, PHARMACY: 0, CLINIC: 0, VILLAGE_CLINIC: 0 };
  const add = (kind: InstitutionKind, grade: InstitutionGrade | null, name: string, publicShare: number) => {
    seq[kind] += 1;
    const status = weighted<AgreementStatus>(r, [
      ["ACTIVE", 88],
      ["SUSPENDED", 5],
      ["TERMINATED", 7],
    ]);
    const joinedLate = r() < 0.15;
    const agreementStart = joinedLate
      ? isoDay(r, "2021-01-01", "2023-12-31")
      : isoDay(r, "2008-01-01", "2020-12-31");
    const endFrom = agreementStart > "2021-06-30" ? agreementStart : "2021-06-30";
    out.push({
      id: `${unit.code}-${LETTER[kind]}-${pad(seq[kind], 3)}`,
      name,
      kind,
      grade,
      ownership: r() < publicShare ? "PUBLIC" : "PRIVATE",
      regionCode: unit.code,
      agreementStatus: status,
      agreementStart,
      agreementEnd: status === "TERMINATED" ? isoDay(r, endFrom, "2024-12-31") : null,
    });
  };
  for (let i = 0; i < counts.III; i++)
    add("HOSPITAL", "III", `${unit.name}${HOSPITAL_NAMES.III[i] ?? `第${i + 1}三级医院`}`, 0.95);
  for (let i = 0; i < counts.II; i++)
    add("HOSPITAL", "II", `${unit.name}${HOSPITAL_NAMES.II[i] ?? `第${i + 1}二级医院`}`, 0.8);
  for (let i = 0; i < counts.I; i++) add("HOSPITAL", "I", `${unit.name}第${i + 1}乡镇卫生院`, 0.85);
  for (let i = 0; i < counts.CLINIC; i++) add("CLINIC", null, `${unit.name}第${i + 1}门诊部`, 0.2);
  for (let i = 0; i < counts.PHARMACY; i++) {
    add("PHARMACY", null, `${pick(r, PHARMACY_CHAINS)}（${unit.name}${i + 1}号店）`, 0.05);
  }
  for (let i = 0; i < counts.VILLAGE_CLINIC; i++)
    add("VILLAGE_CLINIC", null, `${unit.name}第${i + 1}村卫生室`, 0.7);
  return out;
}

function amountYuan(r: () => number, inst: InstitutionFacts): number {
  const [lo, hi] =
    inst.grade === "III"
      ? [10_000, 500_000]
      : inst.grade === "II"
        ? [5_000, 150_000]
        : inst.kind === "VILLAGE_CLINIC"
          ? [100, 5_000]
          : inst.kind === "PHARMACY"
            ? [200, 20_000]
            : [500, 30_000];
  return Math.exp(between(r, Math.log(lo), Math.log(hi)));
}

function syntheticInspections(inst: InstitutionFacts): InspectionFacts[] {
  const out: InspectionFacts[] = [];
  for (const year of YEARS) {
    const r = seededRandom(`supervision:${inst.id}:${year}`);
    const n = weighted(r, [
      [0, 50],
      [1, 35],
      [2, 10],
      [3, 5],
    ]);
    for (let k = 0; k < n; k++) {
      const inspectedOn = isoDay(r, `${year}-01-01`, `${year}-12-31`);
      const kind = weighted<InspectionKind>(r, [
        ["ROUTINE", 60],
        ["SPECIAL", 25],
        ["FLYING", 8],
        ["CROSS", 7],
      ]);
      const dispositions: DispositionFacts[] = [];
      if (r() < 0.3) {
        const m = int(r, 1, 2);
        for (let j = 0; j < m; j++) {
          const dk = weighted<DispositionKind>(r, [
            ["INTERVIEW", 30],
            ["RECOVERY", 30],
            ["REFUSAL", 15],
            ["DEDUCTION", 10],
            ["PENALTY", 8],
            ["SELF_CORRECTION", 7],
          ]);
          const fen = dk === "INTERVIEW" ? null : BigInt(Math.max(1, Math.round(amountYuan(r, inst) * 100)));
          dispositions.push({ kind: dk, amountFen: fen, note: NOTES[dk] });
        }
      }
      if (
        inspectedOn < inst.agreementStart ||
        (inst.agreementEnd !== null && inspectedOn > inst.agreementEnd)
      ) {
        continue;
      }
      out.push({
        institutionId: inst.id,
        regionCode: inst.regionCode,
        inspectedOn,
        quarter: quarterOfDate(inspectedOn),
        kind,
        findings: pick(r, FINDINGS[kind]),
        dispositions,
      });
    }
  }
  return out;
}

/** True when the unit's demo registry is whole (it is in one of `SUPERVISION_DEMO_PROVINCES`). */
export function hasFullDemoRegistry(code: string): boolean {
  return SUPERVISION_DEMO_PROVINCES.some((p) => isInSubtree(code, p));
}

/**
 * The demo's institutions of one reporting unit: the whole registry in the full-registry
 * provinces, elsewhere a `DEMO_REGISTRY_DENSITY` sample that always holds a county hospital.
 */
export function demoUnitInstitutions(unit: Region): InstitutionFacts[] {
  const registry = unitInstitutions(unit);
  if (hasFullDemoRegistry(unit.code)) return registry;
  const hospitals = registry.filter((i) => i.kind === "HOSPITAL");
  const anchor =
    hospitals.find((i) => i.grade !== "I" && i.agreementStatus !== "TERMINATED") ??
    hospitals.find((i) => i.agreementStatus !== "TERMINATED") ??
    registry[0];
  return registry.filter((i) => i === anchor || seededRandom(`demo:keep:${i.id}`)() < DEMO_REGISTRY_DENSITY);
}

/** The demo's institutions of every reporting unit under `scope` (`demoSupervision`'s, without inspections). */
export function demoInstitutions(scope = "000000"): InstitutionFacts[] {
  return reportingUnits(scope).flatMap(demoUnitInstitutions);
}

const inAgreement = (inst: InstitutionFacts, from: string, to: string) =>
  inst.agreementStart <= from && (inst.agreementEnd === null || inst.agreementEnd >= to);

/**
 * Real published figures (../shared/seeds/), placed exactly. Their units' synthetic inspections in
 * the seeded period are replaced so that the sums are the seeds' own.
 */
export const supervisionSeedFacts = {
  // 002: 屈原管理区 2022 — recovered 433,000 yuan, fined 455,000, refused on review 245,900,
  // deducted 108,800 from reserves, 30,100 refunded after self-inspection.
  "430671": {
    from: "2022-01-01",
    to: "2022-12-31",
    amountsYuan: {
      RECOVERY: [215_000, 138_600, 79_400],
      PENALTY: [300_000, 155_000],
      REFUSAL: [96_300, 87_200, 62_400],
      DEDUCTION: [64_500, 44_300],
      SELF_CORRECTION: [18_700, 11_400],
    } satisfies Partial<Record<DispositionKind, number[]>>,
  },
  // 000: 鄂温克族自治旗 2023H1 — 34 inspections of medical institutions and 79 of pharmacies.
  "150724": { from: "2023-01-01", to: "2023-06-30", medical: 34, pharmacy: 79 },
} as const;

function quyuanSeed(insts: InstitutionFacts[], synthetic: InspectionFacts[]): InspectionFacts[] {
  const seed = supervisionSeedFacts["430671"];
  const inPeriod = (i: InspectionFacts) => i.inspectedOn >= seed.from && i.inspectedOn <= seed.to;
  // Keep the synthetic inspections (and interviews) of 2022 but none of their money dispositions.
  const kept = synthetic.map((i) =>
    inPeriod(i) ? { ...i, dispositions: i.dispositions.filter((d) => d.kind === "INTERVIEW") } : i,
  );
  const targets = insts.filter((i) => i.kind !== "VILLAGE_CLINIC" && inAgreement(i, seed.from, seed.to));
  const r = seededRandom("supervision:seed:430671");
  let n = 0;
  for (const [kind, amounts] of Object.entries(seed.amountsYuan) as [DispositionKind, readonly number[]][]) {
    for (const yuan of amounts) {
      const inst = targets[n % targets.length] as InstitutionFacts;
      n += 1;
      const inspectedOn = isoDay(r, "2022-02-01", "2022-11-30");
      kept.push({
        institutionId: inst.id,
        regionCode: inst.regionCode,
        inspectedOn,
        quarter: quarterOfDate(inspectedOn),
        kind: "SPECIAL",
        findings: "专项检查：违规使用医保基金",
        dispositions: [{ kind, amountFen: BigInt(yuan) * 100n, note: NOTES[kind] }],
      });
    }
  }
  return kept;
}

function ewenkiSeed(insts: InstitutionFacts[], synthetic: InspectionFacts[]): InspectionFacts[] {
  const seed = supervisionSeedFacts["150724"];
  const kept = synthetic.filter((i) => i.inspectedOn < seed.from || i.inspectedOn > seed.to);
  const r = seededRandom("supervision:seed:150724");
  const open = insts.filter((i) => inAgreement(i, seed.from, seed.to));
  const groups: [InstitutionFacts[], number][] = [
    [open.filter((i) => i.kind !== "PHARMACY"), seed.medical],
    [open.filter((i) => i.kind === "PHARMACY"), seed.pharmacy],
  ];
  for (const [targets, count] of groups) {
    for (let k = 0; k < count; k++) {
      const inst = targets[k % targets.length] as InstitutionFacts;
      const inspectedOn = isoDay(r, seed.from, seed.to);
      const kind = weighted<InspectionKind>(r, [
        ["ROUTINE", 50],
        ["SPECIAL", 40],
        ["FLYING", 10],
      ]);
      kept.push({
        institutionId: inst.id,
        regionCode: inst.regionCode,
        inspectedOn,
        quarter: quarterOfDate(inspectedOn),
        kind,
        findings: pick(r, FINDINGS[kind]),
        dispositions: [],
      });
    }
  }
  return kept;
}

/**
 * Deterministic synthetic supervision data for every reporting unit under `scope` (default the
 * nation; `demoUnitInstitutions`: whole registries in 内蒙古, 湖南 and 青海, a sample elsewhere) with
 * inspections dated in the quarters [from, to] (default 2021Q1–2024Q4), the seeds placed on top. A
 * unit's data never depends on the scope asked for.
 */
export function demoSupervision(opts: { scope?: string; from?: string; to?: string } = {}): SupervisionDemo {
  const from = quarterIndex(opts.from ?? "2021Q1");
  const to = quarterIndex(opts.to ?? "2024Q4");
  const institutions: InstitutionFacts[] = [];
  const inspections: InspectionFacts[] = [];
  for (const unit of reportingUnits(opts.scope ?? "000000")) {
    const insts = demoUnitInstitutions(unit);
    let insp = insts.flatMap(syntheticInspections);
    if (unit.code === "430671") insp = quyuanSeed(insts, insp);
    if (unit.code === "150724") insp = ewenkiSeed(insts, insp);
    institutions.push(...insts);
    inspections.push(...insp.filter((i) => quarterIndex(i.quarter) >= from && quarterIndex(i.quarter) <= to));
  }
  inspections.sort((a, b) =>
    a.inspectedOn < b.inspectedOn
      ? -1
      : a.inspectedOn > b.inspectedOn
        ? 1
        : a.institutionId < b.institutionId
          ? -1
          : a.institutionId > b.institutionId
            ? 1
            : 0,
  );
  return { institutions, inspections };
}

/** True when the region has supervision demo data (every known region has). */
export function hasSupervisionDemo(code: string): boolean {
  return getRegion(code) !== undefined;
}
