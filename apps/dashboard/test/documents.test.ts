import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  DashboardChildrenDocument,
  DashboardDomainsDocument,
  DashboardLatestDocument,
  RegionDirectoryDocument,
} from "../src/gql/graphql";
import { domainQuery } from "../src/lib/api";
import { allDomains } from "../src/lib/documents";
import { buildForms, formDocuments } from "../src/lib/forms";
import { layoutDocuments } from "../src/lib/layouts";
import { reportingDocuments } from "../src/lib/reporting";
import { DECLARED, EVERY_DOMAIN } from "./layouts";

const allowList = JSON.parse(
  readFileSync(new URL("../../gateway/persisted-operations.json", import.meta.url), "utf8"),
) as { operations: { name: string; sha256: string }[] };
const allowed = new Set(allowList.operations.map((o) => o.sha256));
/** Every domain of the composed graph (each has Region.<domain>Kpis): the registry's, not a list kept here. */
const DOMAINS = [
  ...new Set(
    [
      ...readFileSync(new URL("../../gateway/supergraph.graphql", import.meta.url), "utf8").matchAll(
        /^ {2}([a-z][A-Za-z0-9]*)Kpis\(/gm,
      ),
    ].map((m) => m[1] as string),
  ),
];
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("typed documents and the production allow-list", () => {
  it("every document the dashboard sends, for every domain, is on the gateway's allow-list", () => {
    const sent = [
      String(DashboardDomainsDocument),
      String(DashboardChildrenDocument),
      String(RegionDirectoryDocument),
      ...DOMAINS.map(domainQuery),
      String(allDomains(DashboardLatestDocument, DOMAINS)),
      ...reportingDocuments(DOMAINS),
      ...layoutDocuments(DOMAINS),
      ...formDocuments(EVERY_DOMAIN),
    ];
    // the layouts of every domain the graph serves, so every form's documents are among those sent
    expect(EVERY_DOMAIN.map((d) => d.domain).sort()).toEqual([...DOMAINS].sort());
    // a fact whose mutation has no document in forms.graphql saves with the generic one: of the
    // four, remote registrations; every fact of a domain added since (apps/fund/test/dashboard-forms.test.ts names fund's)
    const declared = new Set(DECLARED.map((d) => d.domain));
    const added = EVERY_DOMAIN.filter((d) => !declared.has(d.domain)).flatMap((d) => d.layouts);
    expect(sent.filter((t) => t.startsWith("mutation Save_")).map((t) => t.split("(")[0])).toEqual([
      "mutation Save_reportRemoteRegistrations",
      ...added.flatMap((l) => (l.mutation ? [`mutation Save_${l.mutation}`] : [])),
    ]);
    const missing = sent.filter((text) => !allowed.has(sha256(text)));
    expect(missing).toEqual([]);
    expect(new Set(sent.map(sha256)).size).toBe(allowList.operations.length);
  });

  it("re-targets a per-domain document to the domain's own fields and operation name", () => {
    const q = domainQuery("payment");
    expect(q).toMatch(/query Dashboard_payment\(/);
    expect(q.match(/paymentKpis\(from: \$from, to: \$to\)/g)).toHaveLength(2);
    expect(q).toContain("metrics: paymentMetrics");
    expect(q).not.toMatch(/enrollment/i);
  });

  it("loads every field of the enrollment form", () => {
    const form = buildForms(DECLARED).find((f) => f.id === "enrollment");
    for (const f of form?.fields ?? []) expect(form?.load?.doc).toMatch(new RegExp(`\\b${f.key}\\b`));
  });
});
