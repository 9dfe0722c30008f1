// The demo's registry of designated institutions (定点医药机构) per reporting unit: whole in the
// seeds' provinces, a deterministic sample elsewhere.
import { isInSubtree, type Region, reportingUnits } from "@hsa/regions";
import { int, isoDay, pick, weighted } from "./draw";
import { seededRandom } from "./random";
import type {
  AgreementStatus,
  InstitutionFacts,
  InstitutionGrade,
  InstitutionKind,
} from "./supervision-facts";

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
