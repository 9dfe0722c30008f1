import { execFileSync, spawnSync } from "node:child_process";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { openDatabase } from "@hsa/db";
import { enrollmentModule } from "@hsa/enrollment";
import { startGateway } from "@hsa/gateway";
import { DEV_JWT_SECRET, INTERNAL_HEADER, readRegistry, signInternal } from "@hsa/subgraph-kit";
import { exportJWK, generateKeyPair, type JWK, SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DashboardLatestDocument } from "../../../apps/dashboard/src/gql/graphql";
import { domainQuery } from "../../../apps/dashboard/src/lib/api";
import { allDomains, saveDocumentText } from "../../../apps/dashboard/src/lib/documents";
import { codes, post, smallStack } from "./helpers";
import { gql, SECRET, type Stack, token } from "./stack";

type Gateway = Awaited<ReturnType<typeof startGateway>>;

/** The gateway package: its CLI and its allow-list extractor run there, as a developer runs them. */
const GATEWAY_DIR = fileURLToPath(new URL("../../../apps/gateway/", import.meta.url));
const INTERNAL = "gateway-to-subgraph-test-secret-0123456789abcdef";

describe("production mode (HSA_ENV=production)", () => {
  let stack: Stack;
  let gateway: Gateway;
  let viewer: string;
  let analyst: string;
  const ORIGIN = "https://bi.hsa.example";

  beforeAll(async () => {
    stack = await smallStack({ supervisionScopes: [] });
    gateway = await startGateway({
      port: 0,
      jwtSecret: SECRET,
      env: {
        ...process.env,
        HSA_ENV: "production",
        HSA_INTERNAL_SECRET: INTERNAL,
        HSA_DEBUG: "1",
        HSA_CORS_ORIGINS: `${ORIGIN}, https://other.example`,
      },
      subgraphUrls: Object.fromEntries(Object.entries(stack.services).map(([n, s]) => [n, s.url])),
    });
    viewer = await token({ sub: "v", scope: "150000", roles: ["viewer"] });
    analyst = await token({ sub: "a", scope: "150000", roles: ["viewer", "analyst"] });
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
    await stack?.stop();
  });

  it("answers the dashboard's persisted operations for a viewer", async () => {
    const r = await gql(
      gateway.url,
      domainQuery("enrollment"),
      { code: "150700", from: "2022Q1", to: "2022Q4" },
      viewer,
    );
    expect(r.errors).toBeUndefined();
    expect((r.data?.region as { code: string } | undefined)?.code).toBe("150700");
  });

  it("answers the dashboard's default-range request for a viewer: every domain's latest quarter at once", async () => {
    const domains = readRegistry().subgraphs.map((s) => s.name);
    const r = await gql(
      gateway.url,
      String(allDomains(DashboardLatestDocument, domains)),
      { code: "150700" },
      viewer,
    );
    // On the allow-list (no FORBIDDEN); the subgraphs this stack does not run answer null with an error.
    expect(codes(r)).not.toContain("FORBIDDEN");
    expect(r.data?.enrollment).toBe("2024Q4");
    expect(r.data?.supervision).toBeNull(); // no inspections reported in this stack
  });

  it("answers an entry form's generic save document for a reporter without the analyst role", async () => {
    // a fact whose mutation has no document of the dashboard's own: its form saves with the generic one
    const reporter = await token({ sub: "r", scope: "150724", roles: ["viewer", "reporter"] });
    const doc = saveDocumentText("reportRemoteRegistrations", "RemoteRegistrationInput");
    const input = { regionCode: "150724", quarter: "2025Q2", scheme: "RESIDENT", registrations: 321 };
    const r = await gql(gateway.url, doc, { input }, reporter);
    expect(r.errors).toBeUndefined();
    expect(r.data).toEqual({ result: { changed: true } });
    // the same mutation in any other words is not on the list
    const other = doc.replace("changed", "changed __typename");
    expect(codes(await gql(gateway.url, other, { input }, reporter))).toEqual(["FORBIDDEN"]);
  });

  it("refuses an unknown operation from a viewer with 403 FORBIDDEN, and answers it for an analyst", async () => {
    const q = `{ region(code: "150700") { code name } }`;
    const r = await gql(gateway.url, q, {}, viewer);
    expect(r.status).toBe(403);
    expect(codes(r)).toEqual(["FORBIDDEN"]);
    expect(r.errors?.[0]?.message).toMatch(/persisted-operation allow-list.*analyst/);
    // Typed, so a client (the dashboard's 数据查询) can explain it in its own words.
    expect(r.errors?.[0]?.extensions).toMatchObject({
      code: "FORBIDDEN",
      reason: "PERSISTED_OPERATIONS_ONLY",
      requiredRole: "analyst",
    });
    expect(r.data).toBeUndefined();
    // One changed character is another operation.
    const almost = `${domainQuery("enrollment")} `;
    expect(
      codes(await gql(gateway.url, almost, { code: "150700", from: "2022Q1", to: "2022Q4" }, viewer)),
    ).toEqual(["FORBIDDEN"]);
    const a = await gql(gateway.url, q, {}, analyst);
    expect(a.errors).toBeUndefined();
    expect(a.data).toEqual({ region: { code: "150700", name: "呼伦贝尔市" } });
    // The query explorer's policy probe: refused for the viewer, answered for the analyst.
    const probe = "query ExplorerPolicy { __typename }";
    const refused = await gql(gateway.url, probe, {}, viewer);
    expect(refused.status).toBe(403);
    expect(refused.errors?.[0]?.extensions?.reason).toBe("PERSISTED_OPERATIONS_ONLY");
    expect((await gql(gateway.url, probe, {}, analyst)).data).toEqual({ __typename: "Query" });
  });

  it("the landing page at GET /graphql points to the dashboard's 数据查询 page", async () => {
    const g = await startGateway({
      port: 0,
      jwtSecret: SECRET,
      dashboardUrl: "http://127.0.0.1:5173/",
      internalSecret: null,
      subgraphUrls: Object.fromEntries(Object.entries(stack.services).map(([n, s]) => [n, s.url])),
    });
    try {
      const html = await (await fetch(g.url, { headers: { accept: "text/html" } })).text();
      expect(html).toContain('href="http://127.0.0.1:5173/?page=explorer"');
    } finally {
      await g.stop();
    }
  });

  it("refuses introspection, for analysts too", async () => {
    for (const t of [viewer, analyst]) {
      const r = await gql(gateway.url, "{ __schema { types { name } } }", {}, t);
      expect(r.status).toBe(400);
      expect(codes(r)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
      expect(r.errors?.[0]?.message).toMatch(/introspection/i);
      expect(r.data).toBeUndefined();
    }
  });

  it("gives no field suggestions and no stack traces (even with HSA_DEBUG=1)", async () => {
    const r = await gql(gateway.url, `{ region(code: "150700") { cod } }`, {}, analyst);
    expect(r.errors?.[0]?.message).toBe('Cannot query field "cod" on type "Region".');
    const bad = await gql(
      gateway.url,
      `query Bad($from: Quarter!) { region(code: "150700") { enrollmentKpis(from: $from, to: "2023Q1") { total { value } } } }`,
      { from: "2023Q5" },
      analyst,
    );
    expect(codes(bad)).toEqual(["BAD_USER_INPUT"]);
    expect(JSON.stringify(bad)).not.toMatch(/stacktrace|at .*\.ts:\d+/);
  });

  it("keeps CSRF prevention on: a simple POST (text/plain) and a GET without a preflight header are refused", async () => {
    const body = JSON.stringify({ query: "{ __typename }" });
    const plain = await post(gateway.url, body, {
      "content-type": "text/plain",
      authorization: `Bearer ${analyst}`,
    });
    expect(plain.status).toBe(400);
    expect(plain.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery/);
    expect(plain.data).toBeUndefined();
    const url = `${gateway.url}?query=${encodeURIComponent("{ __typename }")}`;
    const get = await fetch(url, { headers: { authorization: `Bearer ${analyst}` } });
    expect(get.status).toBe(400);
    expect(await get.text()).toMatch(/Cross-Site Request Forgery/);
    const preflighted = await fetch(url, {
      headers: { authorization: `Bearer ${analyst}`, "apollo-require-preflight": "1" },
    });
    expect(await preflighted.json()).toEqual({ data: { __typename: "Query" } });
  });

  it("limits CORS to HSA_CORS_ORIGINS and answers preflights", async () => {
    const preflight = (origin: string) =>
      fetch(gateway.url, {
        method: "OPTIONS",
        headers: {
          origin,
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization, content-type",
        },
      });
    const ok = await preflight(ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(ok.headers.get("access-control-allow-methods")).toMatch(/POST/);
    expect(ok.headers.get("access-control-allow-headers")).toMatch(/authorization/);
    const evil = await preflight("https://evil.example");
    expect(evil.status).toBe(403);
    expect(evil.headers.get("access-control-allow-origin")).toBeNull();

    const q = JSON.stringify({ query: `{ region(code: "150700") { code } }` });
    const auth = { authorization: `Bearer ${analyst}` };
    const allowed = await post(gateway.url, q, { ...auth, origin: ORIGIN });
    expect(allowed.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    expect(allowed.headers.get("vary")).toMatch(/Origin/);
    const other = await post(gateway.url, q, { ...auth, origin: "https://evil.example" });
    expect(other.headers.get("access-control-allow-origin")).toBeNull();
  });

  it("has no demo users", async () => {
    expect((await fetch(new URL("/demo/users", gateway.url))).status).toBe(404);
  });

  it("the committed persisted-operations.json matches what the dashboard sends", () => {
    const out = execFileSync(
      process.execPath,
      ["--import", "tsx", "scripts/extract-operations.ts", "--check"],
      {
        cwd: GATEWAY_DIR,
        encoding: "utf8",
      },
    );
    expect(out).toMatch(/up to date/);
  });
});

describe("JWT from an OIDC issuer's JWKS (HSA_JWKS_URL, HSA_JWT_ISSUER, HSA_JWT_AUDIENCE)", () => {
  const ISSUER = "https://sso.hsa.example/realms/hsa";
  const AUDIENCE = "hsa-graph-api";
  let jwksServer: Server;
  let stack: Stack;
  let privateKey: Awaited<ReturnType<typeof generateKeyPair>>["privateKey"];
  let otherKey: typeof privateKey;
  const saved: Record<string, string | undefined> = {};
  const KEYS = ["HSA_JWKS_URL", "HSA_JWT_ISSUER", "HSA_JWT_AUDIENCE"] as const;

  async function rs256(
    claims: Record<string, unknown>,
    key = privateKey,
    opts: { iss?: string; aud?: string; exp?: string | number } = {},
  ) {
    return new SignJWT(claims)
      .setProtectedHeader({ alg: "RS256", kid: "k1" })
      .setSubject("oidc-user")
      .setIssuer(opts.iss ?? ISSUER)
      .setAudience(opts.aud ?? AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(opts.exp ?? "5m")
      .sign(key);
  }

  beforeAll(async () => {
    const pair = await generateKeyPair("RS256");
    privateKey = pair.privateKey;
    otherKey = (await generateKeyPair("RS256")).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid: "k1", alg: "RS256", use: "sig" };
    jwksServer = createServer((req, res) => {
      res.writeHead(req.url === "/jwks.json" ? 200 : 404, { "content-type": "application/json" });
      res.end(JSON.stringify(req.url === "/jwks.json" ? { keys: [jwk] } : {}));
    });
    await new Promise<void>((resolve) => jwksServer.listen(0, "127.0.0.1", resolve));
    const port = (jwksServer.address() as AddressInfo).port;
    for (const k of KEYS) saved[k] = process.env[k];
    // Subgraphs read the environment too: they verify the forwarded token themselves.
    process.env.HSA_JWKS_URL = `http://127.0.0.1:${port}/jwks.json`;
    process.env.HSA_JWT_ISSUER = ISSUER;
    process.env.HSA_JWT_AUDIENCE = AUDIENCE;
    try {
      stack = await smallStack({ supervisionScopes: [] });
    } finally {
      for (const k of KEYS) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
    }
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    jwksServer?.closeAllConnections();
    jwksServer?.close();
  });

  const Q = `{ region(code: "150700") { code enrollmentKpis(from: "2022Q1", to: "2022Q1", metrics: ["enrollment.rate"]) { total { denominator } } } }`;

  it("accepts the issuer's RS256 tokens through the gateway and directly on a subgraph", async () => {
    const t = await rs256({ scope: "150000", roles: ["viewer"] });
    for (const url of [stack.gateway.url, stack.enrollment.url]) {
      const r = await gql(url, Q, {}, t);
      expect(r.errors).toBeUndefined();
      expect((r.data?.region as { code: string } | undefined)?.code).toBe("150700");
    }
    // Scope still applies.
    const county = await rs256({ scope: "150724", roles: ["viewer"] });
    expect(codes(await gql(stack.gateway.url, Q, {}, county))).toEqual(["FORBIDDEN"]);
  });

  it("refuses the shared-secret HS256 tokens, other keys, other issuers or audiences and expired tokens with 401", async () => {
    const bad = [
      await token({ sub: "x", scope: "150000", roles: ["viewer"] }),
      await rs256({ scope: "150000", roles: ["viewer"] }, otherKey),
      await rs256({ scope: "150000", roles: ["viewer"] }, privateKey, { iss: "https://evil.example" }),
      await rs256({ scope: "150000", roles: ["viewer"] }, privateKey, { aud: "someone-else" }),
      await rs256({ scope: "150000", roles: ["viewer"] }, privateKey, {
        exp: Math.floor(Date.now() / 1000) - 60,
      }),
    ];
    for (const t of bad) {
      for (const url of [stack.gateway.url, stack.enrollment.url]) {
        const r = await gql(url, Q, {}, t);
        expect(r.status).toBe(401);
        expect(codes(r)).toEqual(["UNAUTHENTICATED"]);
      }
    }
  });
});

describe("production trust between the gateway and the subgraphs", () => {
  let stack: Stack;
  let viewer: string;
  const Q = `{ region(code: "150700") { code name } }`;

  beforeAll(async () => {
    stack = await smallStack({ internalSecret: INTERNAL });
    viewer = await token({ sub: "v", scope: "150000", roles: ["viewer"] });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("answers through the gateway, and refuses a request sent straight to a subgraph with 401", async () => {
    const via = await gql(stack.gateway.url, Q, {}, viewer);
    expect(via.errors).toBeUndefined();
    expect(via.data).toEqual({ region: { code: "150700", name: "呼伦贝尔市" } });
    for (const s of Object.values(stack.services)) {
      const direct = await gql(s.url, Q, {}, viewer);
      expect(direct.status).toBe(401);
      expect(codes(direct)).toEqual(["UNAUTHENTICATED"]);
      expect(direct.errors?.[0]?.message).toMatch(/through the gateway/);
      expect(direct.data).toBeUndefined();
    }
    // Uploads too: the import endpoint of the subgraph is not reachable around the gateway.
    const upload = await post(new URL("/import/enrollment", stack.enrollment.url).toString(), "x", {
      authorization: `Bearer ${viewer}`,
      "content-type": "text/csv",
    });
    expect(upload.status).toBe(401);
  });

  it("refuses a forged, foreign or replayed signature", async () => {
    const url = stack.enrollment.url;
    const other = await token({ sub: "w", scope: "150000", roles: ["viewer"] });
    const forged = [
      // signed with another secret
      await signInternal(
        "not-the-secret-of-this-deployment-0123456789",
        "gateway",
        "enrollment",
        `Bearer ${viewer}`,
      ),
      // meant for another subgraph
      await signInternal(INTERNAL, "gateway", "supervision", `Bearer ${viewer}`),
      // captured from another caller's request
      await signInternal(INTERNAL, "gateway", "enrollment", `Bearer ${other}`),
      // a user token is not a gateway signature
      viewer,
    ];
    for (const sig of forged) {
      const r = await post(url, JSON.stringify({ query: Q }), {
        authorization: `Bearer ${viewer}`,
        "content-type": "application/json",
        [INTERNAL_HEADER]: sig,
      });
      expect(r.status).toBe(401);
    }
    const good = await post(url, JSON.stringify({ query: Q }), {
      authorization: `Bearer ${viewer}`,
      "content-type": "application/json",
      [INTERNAL_HEADER]: await signInternal(INTERNAL, "gateway", "enrollment", `Bearer ${viewer}`),
    });
    expect(good.status).toBe(200);
  });

  it("keeps /health and /ready open for the operators, without database or error text", async () => {
    expect((await fetch(new URL("/health", stack.enrollment.url))).status).toBe(200);
    const ready = await fetch(new URL("/ready", stack.enrollment.url));
    expect(ready.status).toBe(200);
  });
});

describe("development conveniences stay on the developer's machine", () => {
  it("refuses to start a service with the development secret on 0.0.0.0", async () => {
    await expect(startGateway({ port: 0, host: "0.0.0.0", jwtSecret: DEV_JWT_SECRET })).rejects.toThrow(
      /refusing to listen on 0\.0\.0\.0 with the development JWT secret/,
    );
    const handle = await openDatabase({ subgraph: "enrollment", pgliteDataDir: "memory://" });
    try {
      await expect(
        enrollmentModule.start({ handle, port: 0, host: "0.0.0.0", jwtSecret: DEV_JWT_SECRET }),
      ).rejects.toThrow(/HSA_JWT_SECRET/);
    } finally {
      await handle.close();
    }
  });

  it("refuses /demo/users on a non-loopback address, and allows a real secret there", async () => {
    const demoUsers = async () => [];
    await expect(startGateway({ port: 0, host: "0.0.0.0", jwtSecret: SECRET, demoUsers })).rejects.toThrow(
      /demo\/users/,
    );
    const g = await startGateway({ port: 0, host: "0.0.0.0", jwtSecret: SECRET, internalSecret: null });
    await g.stop();
  });

  it("the CLI refuses too, with the message on stderr and a non-zero exit", () => {
    const r = spawnSync(process.execPath, ["--import", "tsx", "src/main.ts"], {
      cwd: GATEWAY_DIR,
      env: {
        ...process.env,
        HSA_HOST: "0.0.0.0",
        HSA_JWT_SECRET: "",
        GATEWAY_PORT: "0",
        LOG_LEVEL: "silent",
      },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toMatch(/development JWT secret/);
  });
});
