export * from "./auth";
export * from "./errors";
export * from "./http";
export * from "./kpis";
export * from "./logger";
export * from "./regions";
export * from "./scope";
export * from "./subgraph";
