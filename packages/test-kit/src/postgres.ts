import { existsSync, readFileSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import postgres from "postgres";
import { getFreePort } from "./net";
import {
  findPostgresBin,
  INSTALL_HINT,
  installExitHandler,
  isExecutable,
  type Running,
  readTail,
  resolveRunAs,
  run,
  running,
  tail,
} from "./pg-commands";

export { findPostgresBin } from "./pg-commands";

/** A running (or externally provided) PostgreSQL server. */
export interface PostgresServer {
  /** e.g. `postgres://hsa@127.0.0.1:PORT/postgres` (trust auth on loopback). */
  url: string;
  port: number;
  /** PGDATA of the server; empty string when using HSA_TEST_DATABASE_URL. */
  dataDir: string;
  /** `SHOW server_version`, e.g. "15.14 (Debian 15.14-0+deb12u1)". */
  version: string;
  /** Stops the server and removes its temporary directory. Idempotent. */
  stop(): Promise<void>;
  /** Stops the server but keeps its data (absent for HSA_TEST_DATABASE_URL). */
  pause?(): Promise<void>;
  /** Starts a paused server again on the same port with the same data. */
  resume?(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Create this database (if missing) and point `url` at it. Default: "postgres". */
  database?: string;
}

const SUPERUSER = "hsa";

// ---------------------------------------------------------------------------
// SQL helpers

function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

async function withClient<T>(url: string, fn: (sql: postgres.Sql) => Promise<T>): Promise<T> {
  const sql = postgres(url, { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    return await fn(sql);
  } finally {
    await sql.end({ timeout: 5 });
  }
}

async function queryVersion(url: string): Promise<string> {
  return withClient(url, async (sql) => {
    const rows = await sql<{ server_version: string }[]>`SHOW server_version`;
    return rows[0]?.server_version ?? "";
  });
}

/** Runs `CREATE DATABASE name` on the server and returns the url pointing at it. */
export async function createDatabase(server: PostgresServer, name: string): Promise<string> {
  return createDatabaseAt(server.url, name);
}

/** Runs `CREATE DATABASE name` on the server behind `url` (e.g. `inject("pgUrl")`) and returns its url. */
export async function createDatabaseAt(url: string, name: string): Promise<string> {
  await withClient(url, (sql) => sql.unsafe(`CREATE DATABASE ${quoteIdent(name)}`));
  return withDatabase(url, name);
}

async function ensureDatabase(url: string, name: string): Promise<void> {
  await withClient(url, async (sql) => {
    const rows = await sql`SELECT 1 FROM pg_database WHERE datname = ${name}`;
    if (rows.length === 0) await sql.unsafe(`CREATE DATABASE ${quoteIdent(name)}`);
  });
}

// ---------------------------------------------------------------------------
// startPostgres

async function startExternal(url: string, opts: StartPostgresOptions): Promise<PostgresServer> {
  let finalUrl = url;
  if (opts.database) {
    await ensureDatabase(url, opts.database);
    finalUrl = withDatabase(url, opts.database);
  }
  const u = new URL(finalUrl);
  return {
    url: finalUrl,
    port: u.port ? Number(u.port) : 5432,
    dataDir: "",
    version: await queryVersion(finalUrl),
    stop: async () => {},
  };
}

/**
 * Starts a throw-away PostgreSQL server on 127.0.0.1 with trust auth for user `hsa`, in a fresh temp dir.
 * If `HSA_TEST_DATABASE_URL` is set, nothing is started: that server is used and `stop()` is a no-op.
 */
export async function startPostgres(opts: StartPostgresOptions = {}): Promise<PostgresServer> {
  const external = process.env.HSA_TEST_DATABASE_URL;
  if (external) return startExternal(external, opts);

  const bin = findPostgresBin();
  if (!bin)
    throw new Error(`No PostgreSQL server binaries (initdb, pg_ctl, postgres) found. ${INSTALL_HINT}`);
  const runAs = resolveRunAs();

  const root = await mkdtemp(join(tmpdir(), "hsa-pg-"));
  const dataDir = join(root, "data");
  const logFile = join(root, "server.log");
  const cleanup = () => rm(root, { recursive: true, force: true });

  try {
    if (runAs) await chown(root, runAs.uid, runAs.gid);

    // initdb (fall back to --no-locale if C.UTF-8 is not available)
    const initdb = join(bin, "initdb");
    const baseArgs = ["-D", dataDir, "-A", "trust", "-U", SUPERUSER, "-E", "UTF8", "--no-sync"];
    let init = await run(runAs, initdb, [...baseArgs, "--locale=C.UTF-8"], root, 120_000);
    if (!init.ok) {
      await rm(dataDir, { recursive: true, force: true });
      init = await run(runAs, initdb, [...baseArgs, "--no-locale"], root, 120_000);
    }
    if (!init.ok) {
      throw new Error(
        `initdb failed (${init.error.split("\n")[0]}):\n${tail(init.stderr || init.stdout)}\n` +
          (isExecutable(initdb) ? "" : INSTALL_HINT),
      );
    }

    // pg_ctl start, retrying on a new port if the chosen one got taken meanwhile
    const pgCtl = join(bin, "pg_ctl");
    let lastError = "";
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await getFreePort();
      const serverOpts = [
        `-p ${port}`,
        `-k ${root}`,
        "-c listen_addresses=127.0.0.1",
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
        "-c max_connections=200",
      ].join(" ");
      const started = await run(
        runAs,
        pgCtl,
        ["start", "-D", dataDir, "-w", "-t", "60", "-l", logFile, "-o", serverOpts],
        root,
        90_000,
      );
      const log = await readTail(logFile);
      if (!started.ok) {
        lastError =
          `pg_ctl start failed (${started.error.split("\n")[0]}):\n${tail(started.stderr || started.stdout)}\n` +
          `--- ${logFile} ---\n${log}`;
        // make sure nothing half-started lingers before retrying
        await run(runAs, pgCtl, ["stop", "-D", dataDir, "-m", "immediate", "-w"], root, 30_000);
        if (/address already in use|could not bind|could not create any TCP\/IP sockets/i.test(log)) continue;
        break;
      }

      const entry: Running = { bin, root, dataDir, runAs };
      running.add(entry);
      installExitHandler();

      let stopped = false;
      const stop = async (): Promise<void> => {
        if (stopped) return;
        stopped = true;
        await run(runAs, pgCtl, ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "60"], root, 90_000);
        running.delete(entry);
        await cleanup();
      };

      // Stop and start the same server (same data, same port): for tests of a database restart.
      const pause = async (): Promise<void> => {
        const r = await run(
          runAs,
          pgCtl,
          ["stop", "-D", dataDir, "-m", "fast", "-w", "-t", "60"],
          root,
          90_000,
        );
        if (!r.ok) throw new Error(`pg_ctl stop failed: ${tail(r.stderr || r.stdout)}`);
      };
      const resume = async (): Promise<void> => {
        const r = await run(
          runAs,
          pgCtl,
          ["start", "-D", dataDir, "-w", "-t", "60", "-l", logFile, "-o", serverOpts],
          root,
          90_000,
        );
        if (!r.ok)
          throw new Error(`pg_ctl start failed: ${tail(r.stderr || r.stdout)}\n${await readTail(logFile)}`);
      };

      try {
        let url = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
        const version = await queryVersion(url);
        if (opts.database && opts.database !== "postgres") {
          await ensureDatabase(url, opts.database);
          url = withDatabase(url, opts.database);
        }
        return { url, port, dataDir, version, stop, pause, resume };
      } catch (err) {
        await stop();
        throw err;
      }
    }
    throw new Error(lastError || "pg_ctl start failed");
  } catch (err) {
    await cleanup();
    if (err instanceof Error) throw err;
    throw new Error(String(err));
  }
}

/** Read server.log synchronously (diagnostics only). */
export function readServerLog(server: PostgresServer): string {
  if (!server.dataDir) return "";
  const path = join(dirname(server.dataDir), "server.log");
  return existsSync(path) ? readFileSync(path, "utf8") : "";
}
