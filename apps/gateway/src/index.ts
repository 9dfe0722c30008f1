export * from "./compose";
export { IMPORT_KINDS, importProxyRoutes } from "./imports";
export * from "./persisted";
export * from "./server";
export { registrySubgraphs } from "./subgraphs";
export * from "./supergraph";
