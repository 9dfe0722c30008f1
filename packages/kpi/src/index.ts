// @hsa/kpi: the shared KPI contract (DESIGN §4) — types, declarations, judgement, series and SDL.
export * from "./define";
export * from "./evaluate";
export * from "./graphql";
export * from "./judge";
export * from "./metric";
export * from "./series";
export * from "./types";
