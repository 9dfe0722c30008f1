import { defineReporting } from "@hsa/reporting";
import {
  assistance,
  fundBalance,
  outpatientPooling,
  remoteSettlement,
  reportEvent,
  reportImport,
  reportState,
} from "./db/schema";
import { fundFacts, fundFactsSDL } from "./facts";

/**
 * What the reporting workflow adds to the fund subgraph: one report per county and quarter, made of
 * its four facts (their mutations and imports). Every demo county-quarter has all four: the outpatient
 * pooling rows (listed first) mark the demo's reports.
 */
export const fundReporting = defineReporting({
  domain: "fund",
  tables: { reportState, reportEvent, reportImport },
  reported: [outpatientPooling, fundBalance, remoteSettlement, assistance],
  facts: fundFacts,
  // Query.fundReportLayouts: the import help (and forms) of the four facts come from the graph
  layouts: fundFacts,
  sdl: fundFactsSDL,
});
export const fundWorkflow = fundReporting.workflow;
export const fundReportingSDL = fundReporting.sdl;
