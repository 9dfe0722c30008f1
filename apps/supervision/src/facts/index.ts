// The supervision subgraph's declared facts (defineFact): inspections with their dispositions (the
// county quarterly report, its mutation and CSV import) and the institution registry's writes.
export { agreementProblem, inspectionColumns, inspectionFact, validateInspection } from "./inspection";
export { type RegistryFacts, registryFacts } from "./registry";
