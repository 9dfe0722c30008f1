import { type ColumnSpec, defineReporting } from "@hsa/reporting";
import { quarterlyReport, remoteRegistration, reportEvent, reportImport, reportState } from "./db/schema";
import { enrollmentFact } from "./fact";
import { remoteRegistrationFact } from "./remote-registration";

/** The declared facts of enrollment, in the order of the registry's import kinds. */
export const enrollmentFacts = [enrollmentFact, remoteRegistrationFact] as const;

/**
 * What the reporting workflow adds to the enrollment subgraph: per county and quarter, one enrollment
 * report and the remote-care registrations by scheme; both facts served whole (mutation, import, layout).
 */
export const enrollmentReporting = defineReporting({
  domain: "enrollment",
  tables: { reportState, reportEvent, reportImport },
  reported: [quarterlyReport, remoteRegistration],
  facts: enrollmentFacts,
  layouts: enrollmentFacts,
});
export const enrollmentWorkflow = enrollmentReporting.workflow;

/** The documented CSV layout of enrollment figures (one row per county and quarter). */
export const enrollmentColumns: readonly ColumnSpec[] = enrollmentFact.columns;
