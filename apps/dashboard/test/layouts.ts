// The layouts the graph answers for the declared facts (Query.<domain>ReportLayouts, made from the
// declarations: tests/system/test/report-layouts.integration.test.ts checks that the graph answers
// exactly these), as the dashboard's unit tests feed them to the forms and the import help.
import { enrollmentFact, remoteRegistrationFact } from "@hsa/enrollment";
import { dipCaseFact } from "@hsa/payment-reform";
import { purchaseFact, vbpProgressFact } from "@hsa/procurement";
import { loadRegistryModules } from "@hsa/subgraph-kit";
import { inspectionFact } from "@hsa/supervision";
import type { DomainLayouts, ReportLayout } from "../src/lib/layouts";

export const DECLARED: DomainLayouts[] = [
  { domain: "enrollment", layouts: [enrollmentFact.layout, remoteRegistrationFact.layout] },
  { domain: "procurement", layouts: [purchaseFact.layout, vbpProgressFact.layout] },
  { domain: "payment", layouts: [dipCaseFact.layout] },
  { domain: "supervision", layouts: [inspectionFact.layout] },
];

const declared = new Set(DECLARED.map((d) => d.domain));

/**
 * Those of every domain of the registry (supergraph.yaml), those added after the four too: their
 * forms have no document in the dashboard (they save with the generic one), so the allow-list test
 * needs their layouts. Read off each registry module (`reportLayouts`: its declared facts' layouts,
 * the same objects as the four's above), so a new subgraph needs no line here.
 */
export const EVERY_DOMAIN: DomainLayouts[] = [
  ...DECLARED,
  ...(await loadRegistryModules())
    .filter(({ module }) => !declared.has(module.name))
    .map(({ module }) => ({ domain: module.name, layouts: (module.reportLayouts ?? []) as ReportLayout[] })),
];
