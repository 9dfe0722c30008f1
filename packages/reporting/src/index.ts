export * from "./completeness";
export * from "./csv-decoder";
export * from "./csv-layout";
export * from "./csv-reader";
export * from "./expected";
export * from "./graphql";
export * from "./import-kind";
export * from "./import-run";
export * from "./import-upload";
export { ImportConflict } from "./import-write";
export * from "./limits";
export * from "./report-period";
export * from "./tables";
export * from "./workflow";
// of the workflow's parts, only these are public (the rest is put together by createWorkflow)
export type { ReportStateView } from "./workflow-context";
export { MAX_STATE_ROWS } from "./workflow-listing";
export { approvedError } from "./workflow-transitions";
