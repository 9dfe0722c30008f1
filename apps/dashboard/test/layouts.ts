// The layouts the graph answers for the declared facts (Query.<domain>ReportLayouts, made from the
// declarations: tests/system/test/report-layouts.integration.test.ts checks that the graph answers
// exactly these), as the dashboard's unit tests feed them to the forms and the import help.
import { enrollmentFact, remoteRegistrationFact } from "@hsa/enrollment";
import { fundFacts } from "@hsa/fund";
import { dipCaseFact } from "@hsa/payment-reform";
import { purchaseFact, vbpProgressFact } from "@hsa/procurement";
import { inspectionFact } from "@hsa/supervision";
import type { DomainLayouts } from "../src/lib/layouts";

export const DECLARED: DomainLayouts[] = [
  { domain: "enrollment", layouts: [enrollmentFact.layout, remoteRegistrationFact.layout] },
  { domain: "procurement", layouts: [purchaseFact.layout, vbpProgressFact.layout] },
  { domain: "payment", layouts: [dipCaseFact.layout] },
  { domain: "supervision", layouts: [inspectionFact.layout] },
];

/**
 * Those of every domain of the registry, the fifth subgraph's too: its forms have no document in
 * the dashboard (they save with the generic one), so the allow-list test needs its layouts.
 */
export const EVERY_DOMAIN: DomainLayouts[] = [
  ...DECLARED,
  { domain: "fund", layouts: fundFacts.map((f) => f.layout) },
];
