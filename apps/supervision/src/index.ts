export {
  type AgreementEvent,
  activeOnDate,
  baselineHistory,
  quartersChanged,
  suspendedOn,
} from "./db/agreement";
export { distinctInspectedMany, distinctInspectedManyRaw } from "./db/coverage";
export { COVERAGE_LEVELS_MIGRATION, coverageLevelRollups, levelRollups } from "./db/levels";
export { distinctInspected, subtreeCondition, sumsByQuarter, tableCounts } from "./db/queries";
export { historyOf } from "./db/registry";
export {
  distinctInterviewedMany,
  distinctInterviewedManyRaw,
  sumsByQuarterMany,
  sumsByQuarterManyRaw,
} from "./db/rollup";
export * as schema from "./db/schema";
export { insertDemo } from "./db/writes";
export { DEMO_REPORTER, loadSupervisionDemo } from "./demo";
export { validateInspection } from "./facts";
export { supervision, supervisionMetrics, supervisionSums } from "./metrics";
export {
  inspectionColumns,
  inspectionFact,
  type NewInspection,
  recordInspectionRow,
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
  validateInstitution,
  yuanToFen,
} from "./resolvers";
export * from "./server";
