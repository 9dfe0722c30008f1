// A real stack for the browser tests: enrollment subgraph (PGlite in memory, demo data for
// Inner Mongolia and Hunan), procurement (鄂温克族自治旗) + gateway (demo users on) + this dashboard's server on free ports.
import { type DbHandle, openDatabase } from "@hsa/db";
import { demoEnrollment, demoProcurement, demoSupervision, demoUsers } from "@hsa/demo-data";
import { enrollmentModule, insertMissing } from "@hsa/enrollment";
import { readSupergraph, startGateway, supergraphServices } from "@hsa/gateway";
import { insertProcurementDemo, procurementModule } from "@hsa/procurement";
import { loadRegistryModules, mintToken, type RunningService } from "@hsa/subgraph-kit";
import { insertDemo as insertSupervisionDemo, supervisionModule } from "@hsa/supervision";
import { type RunningDashboard, startDashboard } from "../server/index";

export const SECRET = "dashboard-test-secret-0123456789-abcdefghij";

/** A URL where nothing listens: the subgraphs this stack does not start are "down". */
export const DEAD_URL = "http://127.0.0.1:9/graphql";

export interface DashboardStack {
  /** Subgraphs the supergraph declares but this stack leaves down (their cards show "unavailable"). */
  down: string[];
  handle: DbHandle;
  enrollment: RunningService;
  gateway: RunningService;
  dashboard: RunningDashboard;
  tokens: Record<string, string>;
  stop(): Promise<void>;
}

export async function demoTokens(): Promise<Record<string, string>> {
  const entries = await Promise.all(
    demoUsers.map(
      async (u) =>
        [
          u.key,
          await mintToken({ sub: u.sub, name: u.name, scope: u.scope, roles: u.roles }, SECRET, "1h"),
        ] as const,
    ),
  );
  return Object.fromEntries(entries);
}

export async function startDashboardStack(
  opts: {
    /** enrollment demo scopes (default Inner Mongolia and Hunan) */
    scopes?: string[];
    /**
     * Also run these subgraphs of the registry (supergraph.yaml), by name, each with the demo
     * figures of the scopes given (loaded with its module's `insertDemoScope` hook), e.g.
     * `{ fund: ["150724"] }`: a subgraph added to the registry needs no line here.
     */
    extra?: Record<string, string[]>;
    /** also run the supervision subgraph, with 鄂温克族自治旗's institutions and inspections */
    supervision?: boolean;
  } = {},
): Promise<DashboardStack> {
  const handle = await openDatabase({ subgraph: "enrollment", pgliteDataDir: "memory://" });
  const enrollment = await enrollmentModule.start({ handle, port: 0, jwtSecret: SECRET });
  // Procurement runs too, with 鄂温克族自治旗's purchases (the seed's 2023Q1 network rates).
  const procurementDb = await openDatabase({ subgraph: "procurement", pgliteDataDir: "memory://" });
  const procurement = await procurementModule.start({ handle: procurementDb, port: 0, jwtSecret: SECRET });
  await insertProcurementDemo(
    procurementDb.db,
    demoProcurement({ scope: "150724", from: "2023Q1", to: "2024Q4" }),
  );
  const extra = await startExtra(opts.extra ?? {});
  const supervisionDb = opts.supervision
    ? await openDatabase({ subgraph: "supervision", pgliteDataDir: "memory://" })
    : null;
  const supervision = supervisionDb
    ? await supervisionModule.start({ handle: supervisionDb, port: 0, jwtSecret: SECRET })
    : null;
  if (supervisionDb)
    await insertSupervisionDemo(supervisionDb.db, demoSupervision({ scope: "150724" }), "test");
  const facts = (opts.scopes ?? ["150000", "430000"]).flatMap((scope) => demoEnrollment({ scope }));
  await insertMissing(
    handle.db,
    facts.map((f) => ({ ...f, reportedBy: "test" })),
  );
  const tokens = await demoTokens();
  // Only enrollment and procurement run: every other subgraph of the committed supergraph is
  // pointed at a dead port, so the tests see those domains fail on their own while the rest work.
  const up: Record<string, string> = {
    enrollment: enrollment.url,
    procurement: procurement.url,
    ...Object.fromEntries(extra.map((x) => [x.name, x.service.url])),
    ...(supervision ? { supervision: supervision.url } : {}),
  };
  const down = supergraphServices(readSupergraph())
    .map((s) => s.name)
    .filter((n) => !(n in up));
  const gateway = await startGateway({
    port: 0,
    jwtSecret: SECRET,
    tokens: handle, // API tokens for scripts (the 接口令牌 page), kept in the enrollment database
    subgraphUrls: { ...Object.fromEntries(down.map((n) => [n, DEAD_URL])), ...up },
    demoUsers: async () =>
      demoUsers.map((u) => ({
        key: u.key,
        name: u.name,
        scope: u.scope,
        roles: u.roles,
        descriptionZh: u.descriptionZh,
        descriptionEn: u.descriptionEn,
        token: tokens[u.key] ?? "",
      })),
  });
  const dashboard = await startDashboard({ port: 0, gatewayOrigin: gateway.url, say: () => {} });
  return {
    down,
    handle,
    enrollment,
    gateway,
    dashboard,
    tokens,
    async stop() {
      await dashboard.stop();
      await gateway.stop();
      await enrollment.stop();
      await procurement.stop();
      for (const x of extra) await x.service.stop();
      await supervision?.stop();
      await handle.close();
      await procurementDb.close();
      for (const x of extra) await x.handle.close();
      await supervisionDb?.close();
    },
  };
}

/** The subgraphs this stack starts itself (the others of `extra` come from the registry). */
const OWN = ["enrollment", "procurement", "supervision"];

/** Starts registry subgraphs by name on PGlite in memory, each with its demo scopes loaded. */
async function startExtra(
  extra: Record<string, string[]>,
): Promise<{ name: string; handle: DbHandle; service: RunningService }[]> {
  const names = Object.keys(extra);
  if (!names.length) return [];
  const registry = await loadRegistryModules();
  const out: { name: string; handle: DbHandle; service: RunningService }[] = [];
  for (const name of names) {
    if (OWN.includes(name)) throw new Error(`extra.${name}: this stack starts ${name} itself`);
    const mod = registry.find((r) => r.module.name === name)?.module;
    if (!mod)
      throw new Error(
        `extra.${name}: no subgraph ${name} in the registry (supergraph.yaml lists ${registry.map((r) => r.module.name).join(", ")})`,
      );
    const scopes = extra[name] ?? [];
    const insertDemoScope = mod.insertDemoScope;
    if (scopes.length && !insertDemoScope)
      throw new Error(
        `extra.${name}: the ${name} subgraph has no insertDemoScope hook to load demo scopes with`,
      );
    const handle = await openDatabase({ subgraph: name, pgliteDataDir: "memory://" });
    const service = await mod.start({ handle, port: 0, jwtSecret: SECRET });
    for (const scope of scopes) await insertDemoScope?.(handle.db, scope);
    out.push({ name, handle, service });
  }
  return out;
}

/** POSTs a GraphQL operation to the gateway, as the dashboard does (for expected figures). */
export async function gatewayQuery<T>(
  gatewayUrl: string,
  token: string,
  query: string,
  variables = {},
): Promise<T> {
  const res = await fetch(gatewayUrl, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(JSON.stringify(body.errors));
  return body.data;
}
