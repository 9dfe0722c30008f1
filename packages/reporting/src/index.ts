export * from "./csv";
export * from "./graphql";
export * from "./import";
export * from "./limits";
export * from "./tables";
export * from "./workflow";
