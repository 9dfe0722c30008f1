export * from "./compose";
export { IMPORT_KINDS, importProxyRoutes } from "./imports";
export * from "./persisted";
export * from "./server";
export * from "./supergraph";
