export * from "./completeness";
export * from "./csv";
export * from "./expected";
export * from "./graphql";
export * from "./import";
export * from "./limits";
export * from "./tables";
export * from "./workflow";
