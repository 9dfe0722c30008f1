import { existsSync } from "node:fs";
import { connect } from "node:net";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createDatabase, findPostgresBin, type PostgresServer, startPostgres } from "../src/index";

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const sock = connect({ host: "127.0.0.1", port });
    sock.once("connect", () => {
      sock.destroy();
      resolve(true);
    });
    sock.once("error", () => resolve(false));
  });
}

describe("findPostgresBin", () => {
  it("finds a directory with the server binaries", () => {
    const bin = findPostgresBin();
    expect(bin).toBeTruthy();
  });
});

describe("startPostgres", () => {
  let server: PostgresServer;

  beforeAll(async () => {
    server = await startPostgres();
  });

  afterAll(async () => {
    await server?.stop();
  });

  it("returns a usable url on loopback", () => {
    expect(server.url).toBe(`postgres://hsa@127.0.0.1:${server.port}/postgres`);
    expect(existsSync(server.dataDir)).toBe(true);
    expect(server.version).toMatch(/^\d/);
  });

  it("accepts connections and round-trips data", async () => {
    const sql = postgres(server.url, { max: 1, onnotice: () => {} });
    try {
      await sql`CREATE TABLE widgets (id serial PRIMARY KEY, name text NOT NULL)`;
      await sql`INSERT INTO widgets ${sql([{ name: "a" }, { name: "b" }], "name")}`;
      const rows = await sql<{ name: string }[]>`SELECT name FROM widgets ORDER BY id`;
      expect(rows.map((r) => r.name)).toEqual(["a", "b"]);
      const [v] = await sql<{ server_version: string }[]>`SHOW server_version`;
      expect(v?.server_version).toMatch(/^\d/);
      const [enc] = await sql<{ server_encoding: string }[]>`SHOW server_encoding`;
      expect(enc?.server_encoding).toBe("UTF8");
    } finally {
      await sql.end();
    }
  });

  it("createDatabase creates a separate database", async () => {
    const url = await createDatabase(server, "other_db");
    expect(url).toBe(`postgres://hsa@127.0.0.1:${server.port}/other_db`);
    const sql = postgres(url, { max: 1 });
    try {
      const [row] = await sql<{ db: string }[]>`SELECT current_database() AS db`;
      expect(row?.db).toBe("other_db");
    } finally {
      await sql.end();
    }
  });
});

describe("startPostgres({ database })", () => {
  it("creates the database and stop() removes data dir and closes the port", async () => {
    const server = await startPostgres({ database: "app" });
    expect(server.url.endsWith("/app")).toBe(true);
    const sql = postgres(server.url, { max: 1 });
    const [row] = await sql<{ db: string }[]>`SELECT current_database() AS db`;
    expect(row?.db).toBe("app");
    await sql.end();

    expect(await canConnect(server.port)).toBe(true);
    await server.stop();
    expect(existsSync(server.dataDir)).toBe(false);
    expect(await canConnect(server.port)).toBe(false);
    await server.stop(); // idempotent
  });
});

describe("vitest global setup", () => {
  it("provides pgUrl", async () => {
    const url = inject("pgUrl");
    expect(url).toMatch(/^postgres:\/\/hsa@127\.0\.0\.1:\d+\/postgres$/);
    const sql = postgres(url, { max: 1 });
    try {
      const [row] = await sql<{ one: number }[]>`SELECT 1 AS one`;
      expect(row?.one).toBe(1);
    } finally {
      await sql.end();
    }
  });
});
