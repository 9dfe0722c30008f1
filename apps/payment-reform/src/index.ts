export * from "./db/queries";
export * from "./db/rollup";
export * as schema from "./db/schema";
export { caseRows, DEMO_REPORTER, insertPaymentDemo } from "./demo";
export { loadPaymentDemo } from "./demo-load";
export { DEFAULT_COEFFICIENTS, POINT_VALUE_ID, payment, paymentMetrics, paymentSums } from "./metrics";
export { validateDeductions, validateDipCases } from "./resolvers";
export * from "./server";
export * from "./settlement";
