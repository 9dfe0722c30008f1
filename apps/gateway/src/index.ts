export * from "./compose";
export * from "./server";
export * from "./supergraph";
