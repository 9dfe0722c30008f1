/** Who the demo figures are reported by (the audit's and the rows' reportedBy). */
export const DEMO_REPORTER = "demo-data";
