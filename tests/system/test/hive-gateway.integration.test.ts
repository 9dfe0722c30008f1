import { createServer, type RequestListener, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { readSupergraph } from "@hsa/gateway";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { domainQuery } from "../../../apps/dashboard/src/lib/api";
import { gql, type Stack, startStack, token } from "./stack";

/**
 * A second federation engine: the committed supergraph.graphql served by Hive Gateway
 * (@graphql-hive/gateway, in-process) must answer the dashboard's queries exactly as
 * @apollo/gateway does, and let the subgraphs' FORBIDDEN errors through.
 */

/**
 * The part of @graphql-hive/gateway this test uses. The module is imported by a non-literal
 * specifier so that its typings stay out of this package's type program: they pull in
 * @types/node 25 (a dependency of @graphql-hive/gateway-runtime), which clashes with the
 * repository's @types/node 20.
 */
interface HiveRuntime extends RequestListener {
  dispose(): Promise<void> | void;
}
interface HiveGatewayModule {
  createGatewayRuntime(config: {
    supergraph: string;
    logging: boolean;
    propagateHeaders: {
      fromClientToSubgraphs(payload: { request: Request }): Record<string, string | null>;
    };
  }): HiveRuntime;
}
const HIVE_GATEWAY = "@graphql-hive/gateway";

/** The committed supergraph with each `@join__graph` URL replaced by the running subgraph's. */
function supergraphFor(urls: Record<string, string>): string {
  return readSupergraph().replace(
    /@join__graph\(name:\s*"([^"]+)",\s*url:\s*"[^"]*"\)/g,
    (_whole, name: string) => {
      const url = urls[name];
      if (!url) throw new Error(`no running subgraph for ${name} in the test stack`);
      return `@join__graph(name: "${name}", url: "${url}")`;
    },
  );
}

const CHILDREN = /* GraphQL */ `
  query DashboardChildren($code: ID!) { region(code: $code) { children { code name level } } }
`;
const CHILDREN_KPIS = /* GraphQL */ `
  query C($code: ID!, $from: Quarter!, $to: Quarter!) {
    region(code: $code) {
      code name level
      children { code name level enrollmentKpis(from: $from, to: $to) { metric { id unit } total { numerator denominator value status } points { quarter value status } } }
    }
  }
`;
const INSTITUTION = /* GraphQL */ `
  query I($id: ID!, $from: Quarter!, $to: Quarter!) {
    institution(id: $id) {
      id name kind grade ownership agreementStatus agreementStart agreementEnd
      region { code name level path { code name } }
      purchases(from: $from, to: $to) { institutionId regionCode quarter category totalYuan networkYuan reportedOffNetworkYuan networkRate }
      inspections(first: 5) { totalCount edges { node { id inspectedOn quarter kind } } }
    }
  }
`;
const PROCUREMENT_KPIS = /* GraphQL */ `
  query P($code: ID!, $from: Quarter!, $to: Quarter!) {
    region(code: $code) {
      code name
      procurementKpis(from: $from, to: $to) { metric { id nameZh unit aggregation } total { numerator denominator value status } points { quarter value } }
    }
  }
`;
const DOMAINS = ["enrollment", "payment", "procurement", "supervision"];

describe("the committed supergraph on Hive Gateway", () => {
  let stack: Stack;
  let hive: HiveRuntime;
  let server: Server;
  let hiveUrl: string;
  let national: string;
  let city: string;

  beforeAll(async () => {
    // Hive's logger refuses the project-wide LOG_LEVEL=silent (pino's), even with logging: false.
    vi.stubEnv("LOG_LEVEL", "error");
    stack = await startStack("pglite", undefined, {
      supervisionScopes: ["150700"],
      procurementScopes: ["150700"],
      procurementRange: { from: "2023Q1", to: "2023Q4" },
      enrollmentScopes: ["150700"],
    });
    const urls = Object.fromEntries(Object.entries(stack.services).map(([name, s]) => [name, s.url]));
    const { createGatewayRuntime } = (await import(HIVE_GATEWAY)) as HiveGatewayModule;
    hive = createGatewayRuntime({
      supergraph: supergraphFor(urls),
      logging: false,
      propagateHeaders: {
        fromClientToSubgraphs: ({ request }) => ({ authorization: request.headers.get("authorization") }),
      },
    });
    server = createServer(hive);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    hiveUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    national = await token({ sub: "leader", scope: "000000", roles: ["viewer"] });
    city = await token({ sub: "hulunbuir", scope: "150700", roles: ["viewer"] });
  }, 180_000);

  afterAll(async () => {
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await hive?.dispose();
    await stack?.stop();
    vi.unstubAllEnvs();
  });

  /** Sends one operation to both engines; both must answer without errors and with equal data. */
  async function same(query: string, variables: Record<string, unknown>, bearer: string) {
    const [apollo, viaHive] = await Promise.all([
      gql(stack.gateway.url, query, variables, bearer),
      gql(hiveUrl, query, variables, bearer),
    ]);
    expect(apollo.errors).toBeUndefined();
    expect(viaHive.errors).toBeUndefined();
    expect(viaHive.status).toBe(200);
    expect(viaHive.data).toEqual(apollo.data);
    return viaHive.data;
  }

  it.each(DOMAINS)(
    "Dashboard_%s (national token, region 150700) is the same on both engines",
    async (domain) => {
      const data = await same(
        domainQuery(domain),
        { code: "150700", from: "2023Q1", to: "2023Q4" },
        national,
      );
      expect(data?.region).toMatchObject({ code: "150700" });
    },
  );

  it("the city's children list and their enrollment KPIs are the same", async () => {
    await same(CHILDREN, { code: "150700" }, city);
    const data = await same(CHILDREN_KPIS, { code: "150700", from: "2023Q1", to: "2023Q4" }, city);
    const region = data?.region as { children: { enrollmentKpis: unknown[] }[] };
    expect(region.children.length).toBeGreaterThan(0);
    expect(region.children.every((c) => c.enrollmentKpis.length > 0)).toBe(true);
  });

  it("an institution's purchases (procurement) and supervision fields are the same", async () => {
    const id = stack.procurement.purchases.find((p) => p.regionCode === "150724")?.institutionId;
    expect(id).toBeDefined();
    const data = await same(INSTITUTION, { id, from: "2023Q1", to: "2023Q4" }, city);
    const inst = data?.institution as { id: string; purchases: unknown[] };
    expect(inst.id).toBe(id);
    expect(inst.purchases.length).toBeGreaterThan(0);
  });

  it("procurementKpis of 150724 in 2023Q1 are the same", async () => {
    const data = await same(PROCUREMENT_KPIS, { code: "150724", from: "2023Q1", to: "2023Q1" }, national);
    const region = data?.region as { procurementKpis: unknown[] };
    expect(region.procurementKpis.length).toBeGreaterThan(0);
  });

  it("a 150700 token asking for 430600 gets FORBIDDEN through Hive as through Apollo", async () => {
    const query = `query F { region(code: "430600") { code enrollmentKpis(from: "2023Q1", to: "2023Q1") { total { value } } } }`;
    const [apollo, viaHive] = await Promise.all([
      gql(stack.gateway.url, query, {}, city),
      gql(hiveUrl, query, {}, city),
    ]);
    expect(apollo.errors?.map((e) => e.extensions?.code)).toContain("FORBIDDEN");
    expect(viaHive.errors?.map((e) => e.extensions?.code)).toContain("FORBIDDEN");
    expect(viaHive.data?.region ?? null).toBeNull();
    expect(viaHive.data).toEqual(apollo.data);
  });
});
