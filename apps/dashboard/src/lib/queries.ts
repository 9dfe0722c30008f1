/**
 * Data fetching through TanStack Query: one client for the app, caching (a view seen in the last
 * minute answers at once), de-duplication (two components asking the same thing send one request)
 * and abort (a query nobody shows any more cancels its request through the `signal` it gets).
 * No automatic retries or refetches on focus: a domain that failed shows its own retry button, and
 * figures change when someone reports, not when the window regains focus.
 */
import { QueryClient, type UseQueryResult, useQueries } from "@tanstack/react-query";
import { useCallback, useEffect } from "react";
import { type DomainData, fetchDomain, GqlError } from "./api";
import type { Session } from "./session";

export const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: false, refetchOnWindowFocus: false, refetchOnReconnect: false, staleTime: 60_000 },
  },
});

/** Query keys, one place: a key starts with what it is, then everything the answer depends on. */
export const keys = {
  /** a domain's landing request (catalogue, region, children) */
  domain: (token: string, domain: string, region: string, from: string, to: string) =>
    ["domain", token, domain, region, from, to] as const,
  domains: ["domain"] as const,
  demoUsers: ["demoUsers"] as const,
  directory: (token: string) => ["directory", token] as const,
};

/** One domain on the dashboard: loading (also while asking again), its data, or its error. */
export type DomainState =
  | { domain: string; status: "loading" }
  | { domain: string; status: "ok"; data: DomainData }
  | { domain: string; status: "error"; code: string; message: string };

/**
 * The dashboard's data: one gateway request per domain (catalogue + region KPIs + the children's).
 * The children's KPIs come with the region's: every dashboard view shows them (the overview's
 * 红黑榜, map and exceptions, the region table, a KPI's comparison), so switching views asks nothing.
 * Asked only while the dashboard is shown (the reporting pages make their own requests), and asked
 * again when the user comes back to it (after data entry, say).
 */
export function useDomains(
  session: Session | null,
  region: string | null,
  from: string | null,
  to: string | null,
  shown: boolean,
  onAuthError: (err: unknown) => boolean,
): DomainState[] {
  const names = session?.domains ?? NONE;
  const token = session?.token ?? "";
  useEffect(() => {
    if (!shown) void queryClient.invalidateQueries({ queryKey: keys.domains });
  }, [shown]);
  return useQueries({
    queries: names.map((domain) => ({
      queryKey: keys.domain(token, domain, region ?? "", from ?? "", to ?? ""),
      queryFn: ({ signal }: { signal: AbortSignal }) =>
        fetchDomain(token, domain, region ?? "", from ?? "", to ?? "", signal).catch((err: unknown) => {
          onAuthError(err); // signed out: back to sign-in
          throw err;
        }),
      enabled: Boolean(session && region && from && to && shown),
    })),
    combine: useCallback(
      (results: UseQueryResult<DomainData>[]): DomainState[] =>
        results.map((r, i) => {
          const domain = names[i] ?? "";
          if (r.isFetching || r.isPending) return { domain, status: "loading" };
          if (r.isError) {
            const code = r.error instanceof GqlError ? r.error.code : "INTERNAL_SERVER_ERROR";
            return { domain, status: "error", code, message: r.error.message };
          }
          return { domain, status: "ok", data: r.data };
        }),
      [names],
    ),
  });
}

const NONE: string[] = [];

/** A domain's retry button: ask again every domain that failed. */
export function retryDomains(): void {
  void queryClient.refetchQueries({ queryKey: keys.domains, predicate: (q) => q.state.status === "error" });
}
