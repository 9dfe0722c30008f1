export * as schema from "./db/schema";
export { demoFund, type FundDemo } from "./demo";
export { DEMO_REPORTER, insertFundDemo, loadFundDemo } from "./demo/load";
export {
  assistanceFact,
  fundBalanceFact,
  fundFacts,
  outpatientPoolingFact,
  remoteSettlementFact,
} from "./facts";
export { fund, fundMetrics, fundSums } from "./metrics";
export { fundCatalogue, reserveBand } from "./resolvers";
export * from "./server";
