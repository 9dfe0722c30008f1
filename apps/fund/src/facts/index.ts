import type { Fact } from "@hsa/reporting";
import { assistanceFact, assistanceSDL } from "./assistance";
import { fundBalanceFact, fundBalanceSDL } from "./balance";
import { outpatientPoolingFact, outpatientPoolingSDL } from "./outpatient";
import { remoteSettlementFact, remoteSettlementSDL } from "./remote";

export { fundBalanceToGraphQL } from "./balance";
export { SCHEME_VALUES } from "./common";
export { assistanceFact, fundBalanceFact, outpatientPoolingFact, remoteSettlementFact };

/** The four facts of the fund domain, in the order of the registry's import kinds. */
export const fundFacts: readonly Fact[] = [
  fundBalanceFact,
  remoteSettlementFact,
  outpatientPoolingFact,
  assistanceFact,
];

/** Their input types, mutations, output and payload types. */
export const fundFactsSDL: string[] = [
  ...fundFacts.map((f) => f.sdl),
  fundBalanceSDL,
  remoteSettlementSDL,
  outpatientPoolingSDL,
  assistanceSDL,
];
