export * from "./db/queries";
export * as schema from "./db/schema";
export { DEMO_REPORTER, insertProcurementDemo, loadProcurementDemo } from "./demo";
export { networkRateParts, procurementMetrics } from "./metrics";
export { validatePurchases } from "./resolvers";
export * from "./server";
