// Shared by the supervision suites (supervision.integration.test.ts: KPIs and reads in and out of
// scope; supervision-writes.integration.test.ts: recordInspection, the registry and pagination): the
// GraphQL operations, an independent definition of "active", paging and the stack they run on.
import type { InstitutionFacts } from "@hsa/demo-data";
import type { SubgraphModule } from "@hsa/subgraph-kit";
import { expect } from "vitest";
import { type DbKind, gql, type Stack, startStack, token } from "./stack";

export interface KpiValue {
  quarter: string | null;
  numerator: number;
  denominator: number | null;
  value: number | null;
  status: string;
}
export interface Series {
  metric: { id: string; aggregation: string; unit: string };
  total: KpiValue;
  points: KpiValue[];
}
export interface Disposition {
  kind: string;
  amountYuan: string | null;
}
export interface InspectionNode {
  id: string;
  inspectedOn: string;
  quarter: string;
  region: { code: string };
  institution: { id: string; region: { code: string } };
  dispositions: Disposition[];
}
export interface Page<N> {
  edges: { cursor: string; node: N }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

export const SUP_KPIS = /* GraphQL */ `
  query SupKpis($code: ID!, $from: Quarter!, $to: Quarter!, $metrics: [ID!]) {
    region(code: $code) {
      code
      supervisionKpis(from: $from, to: $to, metrics: $metrics) {
        metric { id aggregation unit }
        total { quarter numerator denominator value status }
        points { quarter numerator denominator value status }
      }
    }
  }
`;
export const BOTH = /* GraphQL */ `
  query Both($code: ID!) {
    region(code: $code) {
      code
      name
      enrollmentKpis(from: "2022Q1", to: "2022Q4", metrics: ["enrollment.remote_registration"]) {
        metric { id }
        total { numerator denominator value }
      }
      supervisionKpis(from: "2022Q1", to: "2022Q4") {
        metric { id unit }
        total { numerator denominator value status }
      }
    }
  }
`;
export const INSPECTIONS = /* GraphQL */ `
  query Inspections($code: ID!, $from: Quarter!, $to: Quarter!, $first: Int, $after: String) {
    region(code: $code) {
      inspections(from: $from, to: $to, first: $first, after: $after) {
        edges { cursor node { id inspectedOn quarter region { code } institution { id region { code } }
          dispositions { kind amountYuan } } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
`;
export const INSTITUTIONS = /* GraphQL */ `
  query Institutions($code: ID!, $first: Int, $after: String, $filter: InstitutionFilter) {
    region(code: $code) {
      institutions(filter: $filter, first: $first, after: $after) {
        edges { cursor node { id name kind region { code } } }
        pageInfo { hasNextPage endCursor }
        totalCount
      }
    }
  }
`;
export const RECORD = /* GraphQL */ `
  mutation Record($input: RecordInspectionInput!) {
    recordInspection(input: $input) {
      created
      inspection { id quarter inspectedOn dispositions { kind amountYuan note } }
    }
  }
`;

export function yuanStringToFen(s: string): bigint {
  const [int = "0", dec = ""] = s.split(".");
  return BigInt(int) * 100n + BigInt(dec.padEnd(2, "0"));
}

/** Active on a date, as the bureau defines it (agreement in force, not suspended): computed here independently. */
export function activeOn(i: InstitutionFacts, date: string): boolean {
  return (
    i.agreementStart <= date &&
    (i.agreementEnd === null || i.agreementEnd >= date) &&
    i.agreementStatus !== "SUSPENDED"
  );
}

/** Every page of a connection (optionally doing something between two page reads). */
export async function allPages<N>(
  url: string,
  query: string,
  vars: Record<string, unknown>,
  pick: (data: Record<string, unknown>) => Page<N> | undefined,
  bearer: string,
  between?: (pageNo: number) => Promise<void>,
): Promise<N[]> {
  const out: N[] = [];
  let after: string | null = null;
  for (let pageNo = 0; ; pageNo++) {
    const r = await gql(url, query, { ...vars, after }, bearer);
    expect(r.errors).toBeUndefined();
    const page = pick(r.data ?? {});
    if (!page) throw new Error("no page");
    out.push(...page.edges.map((e) => e.node));
    if (!page.pageInfo.hasNextPage) return out;
    after = page.pageInfo.endCursor;
    await between?.(pageNo);
  }
}
export const inspectionsOf = (d: Record<string, unknown>) =>
  (d.region as { inspections: Page<InspectionNode> } | null)?.inspections;
export const institutionsOf = (d: Record<string, unknown>) =>
  (d.region as { institutions: Page<{ id: string; region: { code: string } }> } | null)?.institutions;

/** The stack of the supervision suites (demo data of 岳阳市 and 呼伦贝尔市) and their tokens. */
export async function startSupervisionStack(
  kind: DbKind,
  pgUrl: string | undefined,
  modules?: SubgraphModule[],
): Promise<{ stack: Stack; national: string; city: string; cityReporter: string }> {
  const stack = await startStack(kind, pgUrl, {
    modules,
    enrollmentScopes: ["430600"],
    supervisionScopes: ["430600", "150700"],
  });
  return {
    stack,
    national: await token({ sub: "leader", scope: "000000", roles: ["viewer"] }),
    city: await token({ sub: "hulunbuir", scope: "150700", roles: ["viewer"] }),
    cityReporter: await token({
      sub: "hulunbuir-reporter",
      name: "呼伦贝尔市填报员",
      scope: "150700",
      roles: ["viewer", "reporter", "approver"],
    }),
  };
}
