export { type DocumentedMetric, metricDocProblems } from "./metric-docs";
export { getFreePort, type WaitForOptions, waitFor } from "./net";
export {
  createDatabase,
  createDatabaseAt,
  findPostgresBin,
  type PostgresServer,
  readServerLog,
  type StartPostgresOptions,
  startPostgres,
} from "./postgres";
export { setupPostgresForVitest } from "./vitest";
