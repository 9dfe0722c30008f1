export { levelRollups } from "./db/levels";
export * from "./db/queries";
export * from "./db/rollup";
export * as schema from "./db/schema";
export { DEMO_REPORTER, insertProcurementDemo, loadProcurementDemo } from "./demo";
export {
  networkRateParts,
  procurement,
  procurementMetrics,
  procurementSums,
  vbpCompletionParts,
} from "./metrics";
export * from "./reporting";
export { validatePurchases } from "./resolvers";
export * from "./server";
