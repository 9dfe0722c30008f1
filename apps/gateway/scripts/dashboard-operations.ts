import { readRegistry } from "@hsa/subgraph-kit";
import { parse } from "graphql";
import {
  defaultRange,
  discoverDomains,
  fetchChildren,
  fetchDomain,
  KNOWN_DOMAINS,
} from "../../dashboard/src/lib/api";
import { formDocuments } from "../../dashboard/src/lib/forms";
import { operationName, reportingDocuments } from "../../dashboard/src/lib/reporting";
import { type PersistedOperationsFile, sha256 } from "../src/persisted";

/**
 * The GraphQL documents the dashboard sends, recorded by running its own request functions
 * (`apps/dashboard/src/lib/api.ts`) against a recording `fetch`. They are built per domain at run
 * time (`Dashboard_${domain}`, `DashboardRange_${domain}`), so a static scan of the source would
 * miss them; running the real builders gives exactly the text the browser sends, for every domain
 * the dashboard may query: its KNOWN_DOMAINS (what it falls back to in production, where
 * introspection is off) plus the domains the supergraph offers. The reporting pages' documents
 * (workflow per domain, data-entry forms and their lookups) are listed by their own builders
 * (`reportingDocuments`, `formDocuments`).
 */
export async function dashboardOperations(supergraphSdl: string): Promise<Map<string, string>> {
  const doc = parse(supergraphSdl);
  const fieldsOf = (type: string) => {
    const def = doc.definitions.find(
      (d) => (d.kind === "ObjectTypeDefinition" || d.kind === "ObjectTypeExtension") && d.name.value === type,
    );
    return def && "fields" in def ? (def.fields ?? []).map((f) => ({ name: f.name.value })) : [];
  };
  const recorded = new Map<string, string>();
  const realFetch = globalThis.fetch;
  globalThis.fetch = (async (_input: unknown, init?: { body?: unknown }) => {
    const body = JSON.parse(String(init?.body ?? "{}")) as { query: string; operationName?: string };
    const name = body.operationName ?? "anonymous";
    recorded.set(body.query, name);
    // Query.domains answers from the registry; the domains the supergraph's Region offers are added.
    const data =
      name === "DashboardDomains"
        ? {
            domains: [
              ...readRegistry().subgraphs.map((s) => ({ name: s.name, nameZh: s.nameZh, nameEn: s.nameEn })),
              ...fieldsOf("Region").flatMap((f) => {
                const d = /^([a-z][A-Za-z0-9]*)Kpis$/.exec(f.name)?.[1];
                return d ? [{ name: d, nameZh: d, nameEn: d }] : [];
              }),
            ],
          }
        : { region: null };
    return new Response(JSON.stringify({ data }), { headers: { "content-type": "application/json" } });
  }) as typeof fetch;
  let domains = [...KNOWN_DOMAINS];
  try {
    const discovered = await discoverDomains("token");
    domains = [...new Set([...KNOWN_DOMAINS, ...discovered])];
    await defaultRange("token", domains, "000000", new Date("2024-06-30T00:00:00Z"));
    for (const d of domains)
      await fetchDomain("token", d, "000000", "2024Q1", "2024Q4").catch(() => undefined);
    await fetchChildren("token", "000000");
  } finally {
    globalThis.fetch = realFetch;
  }
  // The reporting pages' documents (workflow per domain, data-entry forms and their lookups) come
  // from the same builders the pages call.
  for (const doc of [...reportingDocuments(domains), ...formDocuments()])
    recorded.set(doc, operationName(doc));
  return recorded;
}

/** The allow-list file for the dashboard's operations, sorted by name (stable output). */
export async function persistedOperationsFile(supergraphSdl: string): Promise<PersistedOperationsFile> {
  const ops = await dashboardOperations(supergraphSdl);
  return {
    format: "hsa-persisted-operations/1",
    operations: [...ops.entries()]
      .map(([query, name]) => ({ name, sha256: sha256(query) }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.sha256.localeCompare(b.sha256)),
  };
}
