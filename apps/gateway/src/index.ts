export * from "./compose";
export * from "./persisted";
export * from "./server";
export * from "./supergraph";
