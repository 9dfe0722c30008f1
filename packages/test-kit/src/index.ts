export { getFreePort, type WaitForOptions, waitFor } from "./net";
export {
  createDatabase,
  findPostgresBin,
  type PostgresServer,
  readServerLog,
  type StartPostgresOptions,
  startPostgres,
} from "./postgres";
export { setupPostgresForVitest } from "./vitest";
