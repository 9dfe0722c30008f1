/**
 * The layouts of the reported figures, read from the graph (`Query.<domain>ReportLayouts`, made by
 * the subgraphs from their fact declarations; a normal field, so it works with introspection off):
 * one typed document per domain (template `ReportLayouts_enrollment`), fetched once per session.
 * The entry forms (form-layout.ts) and the import help (importer.ts) are built from them; the
 * dashboard keeps no copy of a declared fact's fields.
 */
import { ReportLayouts_EnrollmentDocument, type ReportLayouts_EnrollmentQuery } from "../gql/graphql";
import { request } from "./api";
import { forDomain, textOf } from "./documents";

export type ReportLayout = ReportLayouts_EnrollmentQuery["layouts"][number];
export type LayoutField = ReportLayout["fields"][number];
export type LayoutRule = ReportLayout["rules"][number];

/** A domain's layouts, or why they could not be read (the domain's subgraph is down, …). */
export interface DomainLayouts {
  domain: string;
  layouts: ReportLayout[];
  /** the request's error (a GqlError: the caller may sign an expired session out) */
  error?: unknown;
}

export const layoutsDoc = (domain: string) => forDomain(ReportLayouts_EnrollmentDocument, domain);

/** The per-domain layout documents, as sent (for the persisted-operation list). */
export function layoutDocuments(domains: readonly string[]): string[] {
  return domains.map((d) => textOf(layoutsDoc(d)));
}

const cache = new Map<string, Promise<DomainLayouts[]>>();

/** Every domain's layouts (in parallel; a failed domain answers none, with its error), cached per token. */
export function fetchLayouts(token: string, domains: readonly string[]): Promise<DomainLayouts[]> {
  const key = `${token}|${domains.join(",")}`;
  let p = cache.get(key);
  if (!p) {
    p = Promise.all(
      domains.map((domain) =>
        request(token, layoutsDoc(domain), {}).then(
          (data): DomainLayouts => ({ domain, layouts: data.layouts }),
          (err: unknown): DomainLayouts => ({ domain, layouts: [], error: err }),
        ),
      ),
    );
    cache.set(key, p);
    // A failure is not kept: the next page asks again.
    void p.then((all) => all.some((d) => d.error) && cache.delete(key));
  }
  return p;
}
