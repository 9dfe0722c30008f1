// Supervision demo data: each unit's registry (supervision-registry.ts) with deterministic
// inspections and dispositions, the seeds' published figures placed on top.
import { quarterIndex } from "@hsa/periods";
import { getRegion, reportingUnits } from "@hsa/regions";
import { int, isoDay, pick, weighted } from "./draw";
import { between, seededRandom } from "./random";
import {
  type DispositionFacts,
  type DispositionKind,
  type InspectionFacts,
  type InspectionKind,
  type InstitutionFacts,
  quarterOfDate,
  type SupervisionDemo,
} from "./supervision-facts";
import { demoUnitInstitutions } from "./supervision-registry";

export * from "./supervision-facts";
export * from "./supervision-registry";

const YEARS = [2021, 2022, 2023, 2024];
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
