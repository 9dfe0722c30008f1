import { randomBytes } from "node:crypto";
import { type DbHandle, openDatabase } from "@hsa/db";
import {
  demoEnrollment,
  demoPayment,
  demoProcurement,
  demoRemoteRegistrations,
  demoSupervision,
  type EnrollmentFacts,
  type PaymentDemo,
  type ProcurementDemo,
  type SupervisionDemo,
  vbpBatches,
} from "@hsa/demo-data";
import { insertMissing, insertRemoteRegistrations } from "@hsa/enrollment";
import { composeSupergraph, registrySubgraphs, startGateway } from "@hsa/gateway";
import { insertPaymentDemo } from "@hsa/payment-reform";
import { insertProcurementDemo } from "@hsa/procurement";
import {
  loadRegistryModules,
  mintToken,
  type RunningService,
  type SubgraphModule,
  type TokenClaims,
} from "@hsa/subgraph-kit";
import { insertDemo as insertSupervisionDemo } from "@hsa/supervision";
import { createDatabaseAt } from "@hsa/test-kit";

export const SECRET = "integration-test-secret-0123456789-abcdefghij";
export type DbKind = "pglite" | "postgres";

export interface Stack {
  /** One database handle per subgraph (the same database, each in its own schema). */
  handles: Record<string, DbHandle>;
  services: Record<string, RunningService>;
  enrollment: RunningService;
  gateway: RunningService;
  /** The enrollment demo facts loaded, so tests can compute expected figures independently. */
  facts: EnrollmentFacts[];
  /** The supervision demo data loaded (empty unless `supervisionScopes` was given). */
  supervision: SupervisionDemo;
  /** The procurement demo data loaded (empty unless `procurementScopes` was given). */
  procurement: ProcurementDemo;
  /** The payment demo data loaded, per pooling area (empty unless `paymentScopes` was given). */
  payment: PaymentDemo[];
  stop(): Promise<void>;
}

export interface StackOptions {
  /** The subgraphs to start (default: every subgraph). */
  modules?: SubgraphModule[];
  /** Demo scopes loaded into the enrollment subgraph (small, so tests stay fast). */
  enrollmentScopes?: string[];
  /** Demo scopes loaded into the supervision subgraph (default none: tests that need it ask). */
  supervisionScopes?: string[];
  /** Demo scopes loaded into the procurement subgraph (default none). */
  procurementScopes?: string[];
  /** Quarter range of the procurement demo purchases (default the whole demo range). */
  procurementRange?: { from: string; to: string };
  /** Demo scopes loaded into the payment subgraph (default none; a pool is always loaded whole). */
  paymentScopes?: string[];
  /**
   * Demo scopes of other subgraphs, by registry name (e.g. `{ fund: ["150724"] }`): each loaded
   * with the subgraph's own `insertDemoScope` hook, so a subgraph added to the registry needs no
   * line here. A name not started by this stack or without the hook is an error.
   */
  demoScopes?: Record<string, string[]>;
  /** Extra data loading per subgraph, after it has migrated. */
  seed?: (name: string, handle: DbHandle) => Promise<void>;
  /** Gateway ↔ subgraph signing secret: subgraphs then refuse requests not through the gateway. */
  internalSecret?: string;
  /**
   * API tokens for scripts: the gateway keeps them in the first subgraph's database (schema
   * `gateway`), listens on a port chosen up front, and every subgraph polls its GET /auth/revoked.
   */
  apiTokens?: boolean;
}

/** A free TCP port on loopback (taken and released at once). */
export async function freePort(): Promise<number> {
  const { createServer } = await import("node:net");
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** Real subgraphs + real gateway on free ports, over PGlite or a real PostgreSQL database. */
export async function startStack(kind: DbKind, pgUrl?: string, opts: StackOptions = {}): Promise<Stack> {
  const modules = opts.modules ?? allModules;
  checkDemoScopes(opts.demoScopes ?? {}, modules);
  let databaseUrl: string | undefined;
  if (kind === "postgres") {
    if (!pgUrl) throw new Error("no PostgreSQL server: the vitest global setup should provide pgUrl");
    databaseUrl = await createDatabaseAt(pgUrl, `hsa_${randomBytes(6).toString("hex")}`);
  }
  const handles: Record<string, DbHandle> = {};
  const services: Record<string, RunningService> = {};
  let facts: EnrollmentFacts[] = [];
  const supervision: SupervisionDemo = { institutions: [], inspections: [] };
  const procurement: ProcurementDemo = { purchases: [], batches: vbpBatches, agreements: [], progress: [] };
  const payment: PaymentDemo[] = [];
  const gatewayPort = opts.apiTokens ? await freePort() : 0;
  for (const mod of modules) {
    const handle = databaseUrl
      ? await openDatabase({ subgraph: mod.name, databaseUrl, poolSize: 4 })
      : await openDatabase({ subgraph: mod.name, pgliteDataDir: "memory://" });
    handles[mod.name] = handle;
    const peers = Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s.url]));
    services[mod.name] = await mod.start({
      handle,
      port: 0,
      jwtSecret: SECRET,
      peers,
      internalSecret: opts.internalSecret ?? null,
      revocationsUrl: opts.apiTokens ? `http://127.0.0.1:${gatewayPort}/auth/revoked` : undefined,
    });
    if (mod.name === "enrollment") {
      facts = (opts.enrollmentScopes ?? ["430000", "150000"]).flatMap((scope) => demoEnrollment({ scope }));
      await insertMissing(
        handle.db,
        facts.map((f) => ({ ...f, reportedBy: "test" })),
      );
      for (const scope of opts.enrollmentScopes ?? ["430000", "150000"])
        await insertRemoteRegistrations(handle.db, demoRemoteRegistrations({ scope }), "test");
    }
    if (mod.name === "supervision") {
      for (const scope of opts.supervisionScopes ?? []) {
        const part = demoSupervision({ scope });
        supervision.institutions.push(...part.institutions);
        supervision.inspections.push(...part.inspections);
      }
      await insertSupervisionDemo(handle.db, supervision, "test");
    }
    if (mod.name === "procurement") {
      for (const scope of opts.procurementScopes ?? []) {
        const part = demoProcurement({ scope, ...opts.procurementRange });
        procurement.purchases.push(...part.purchases);
        procurement.agreements.push(...part.agreements);
        procurement.progress.push(...part.progress);
      }
      if (procurement.purchases.length) await insertProcurementDemo(handle.db, procurement);
    }
    if (mod.name === "payment") {
      for (const scope of opts.paymentScopes ?? []) {
        const part = demoPayment({ scope });
        await insertPaymentDemo(handle.db, part);
        payment.push(part);
      }
    }
    for (const scope of opts.demoScopes?.[mod.name] ?? []) await mod.insertDemoScope?.(handle.db, scope);
    await opts.seed?.(mod.name, handle);
  }
  const gateway = await startGateway({
    // The registry's subgraphs composed (as `npm start` does): equal to the committed supergraph
    // unless a subgraph was added since `npm run compose`.
    supergraphSdl: composeSupergraph(registrySubgraphs()),
    port: gatewayPort,
    tokens: opts.apiTokens ? Object.values(handles)[0] : undefined,
    jwtSecret: SECRET,
    internalSecret: opts.internalSecret ?? null,
    subgraphUrls: Object.fromEntries(Object.entries(services).map(([name, s]) => [name, s.url])),
  });
  const enrollment = services.enrollment;
  if (!enrollment) throw new Error("the enrollment subgraph is part of every test stack");
  return {
    handles,
    services,
    enrollment,
    gateway,
    facts,
    supervision,
    procurement,
    payment,
    async stop() {
      await gateway.stop();
      for (const s of Object.values(services)) await s.stop();
      for (const h of Object.values(handles)) await h.close();
    },
  };
}

/** Every subgraph module of the registry (supergraph.yaml), in its order, loaded from its own folder. */
export const allModules: SubgraphModule[] = (await loadRegistryModules()).map((m) => m.module);

/** `demoScopes` names only subgraphs of the registry that this stack starts and that have the hook. */
function checkDemoScopes(demoScopes: Record<string, string[]>, modules: SubgraphModule[]): void {
  for (const name of Object.keys(demoScopes)) {
    const mod = modules.find((m) => m.name === name);
    if (!mod) {
      const known = allModules.map((m) => m.name).join(", ");
      throw new Error(
        allModules.some((m) => m.name === name)
          ? `demoScopes.${name}: this stack does not start the ${name} subgraph (add its module to \`modules\`)`
          : `demoScopes.${name}: no subgraph ${name} in the registry (supergraph.yaml lists ${known})`,
      );
    }
    if (!mod.insertDemoScope)
      throw new Error(
        `demoScopes.${name}: the ${name} subgraph has no insertDemoScope hook (declare it in its defineSubgraph, ` +
          "or use the stack's own option for it)",
      );
  }
}

export function token(claims: TokenClaims, secret = SECRET, ttl: string | number = "1h"): Promise<string> {
  return mintToken(claims, secret, ttl);
}

export interface GqlResult<T = Record<string, unknown>> {
  status: number;
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string; [k: string]: unknown } }[];
}

/** POSTs a GraphQL operation as a client would. */
export async function gql<T = Record<string, unknown>>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  bearer?: string | null,
): Promise<GqlResult<T>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (bearer) headers.authorization = `Bearer ${bearer}`;
  const res = await fetch(url, { method: "POST", headers, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as Omit<GqlResult<T>, "status">;
  return { status: res.status, ...body };
}

/** The JSON answer of `POST /import/<kind>` (the CSV import endpoint). */
export interface ImportResult {
  ok: boolean;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
  encoding: string;
  importId: string | null;
  errors: { line: number; column: string | null; value?: string | null; reason: string }[];
  errorCount: number;
}

/** Uploads a CSV to the gateway's `POST /import/<kind>` as the CLI does (raw body, file name header). */
export async function uploadCsv(
  url: string,
  kind: string,
  body: Uint8Array | string,
  bearer: string | null,
  fileName = "test.csv",
): Promise<{ status: number; body: ImportResult }> {
  const res = await fetch(new URL(`/import/${kind}`, url), {
    method: "POST",
    headers: {
      "content-type": "text/csv",
      "x-file-name": encodeURIComponent(fileName),
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
    },
    body,
  });
  return { status: res.status, body: (await res.json()) as ImportResult };
}
