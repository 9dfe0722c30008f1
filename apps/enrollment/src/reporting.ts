import { type ColumnSpec, defineReporting } from "@hsa/reporting";
import { quarterlyReport, reportEvent, reportImport, reportState } from "./db/schema";
import { enrollmentFact } from "./fact";

/** What the reporting workflow adds to the enrollment subgraph: one county report per quarter, one fact. */
export const enrollmentReporting = defineReporting({
  domain: "enrollment",
  tables: { reportState, reportEvent, reportImport },
  reported: [quarterlyReport],
  facts: [enrollmentFact],
  layouts: [enrollmentFact],
});
export const enrollmentWorkflow = enrollmentReporting.workflow;

/** The documented CSV layout of enrollment figures (one row per county and quarter). */
export const enrollmentColumns: readonly ColumnSpec[] = enrollmentFact.columns;
