export * from "./csv";
export * from "./graphql";
export * from "./import";
export * from "./tables";
export * from "./workflow";
