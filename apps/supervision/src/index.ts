export {
  type AgreementEvent,
  activeOnDate,
  baselineHistory,
  quartersChanged,
  suspendedOn,
} from "./db/agreement";
export { levelRollups } from "./db/levels";
export { distinctInspected, subtreeCondition, sumsByQuarter, tableCounts } from "./db/queries";
export { historyOf } from "./db/registry";
export {
  distinctInspectedMany,
  distinctInspectedManyRaw,
  distinctInterviewedMany,
  sumsByQuarterMany,
  sumsByQuarterManyRaw,
} from "./db/rollup";
export * as schema from "./db/schema";
export { insertDemo, recordInspection as recordInspectionRow } from "./db/writes";
export { DEMO_REPORTER, loadSupervisionDemo } from "./demo";
export { supervision, supervisionMetrics, supervisionSums } from "./metrics";
export {
  type InspectionFact,
  inspectionColumns,
  inspectionsImport,
  supervisionReporting,
  supervisionReportingSDL,
  supervisionWorkflow,
} from "./reporting";
export {
  chinaToday,
  fenToYuan,
  isIsoDate,
  quarterOfDate,
  validateAgreementChange,
  validateInspection,
  validateInstitution,
  yuanToFen,
} from "./resolvers";
export * from "./server";
