export { levelRollups } from "./db/levels";
export { insertMissing, sumsByQuarter } from "./db/queries";
export { sumsByQuarterMany } from "./db/rollup";
export * as schema from "./db/schema";
export { DEMO_REPORTER, loadEnrollmentDemo } from "./demo";
export { type EnrollmentReportInput, enrollmentFact } from "./fact";
export { enrollment, enrollmentMetrics, enrollmentSums } from "./metrics";
export { validateReport } from "./resolvers";
export * from "./server";
