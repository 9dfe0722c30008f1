import type { InspectionWithDispositions } from "../db/queries";
import type { DispositionRow, InstitutionRow } from "../db/schema";
import { fenToYuan } from "./validation";

export function institutionToGraphQL(row: InstitutionRow) {
  return { ...row, __typename: "Institution" as const };
}

function dispositionToGraphQL(d: DispositionRow) {
  return {
    id: String(d.id),
    kind: d.kind,
    amountYuan: d.amountFen === null ? null : fenToYuan(d.amountFen),
    note: d.note,
  };
}

export function inspectionToGraphQL(row: InspectionWithDispositions, inst: InstitutionRow | undefined) {
  return {
    ...row,
    id: String(row.id),
    institutionRow: inst,
    dispositions: row.dispositions.map(dispositionToGraphQL),
  };
}
export type InspectionNode = ReturnType<typeof inspectionToGraphQL>;
