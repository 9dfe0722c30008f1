import { describe, expect, it } from "vitest";
import { domainNameZh, importKindOwners, parseRegistry, readRegistry } from "../src/registry";

const ENTRY = (name: string, port: number, extra = "") => `
  ${name}:
    routing_url: \${env.${name.toUpperCase()}_URL:-http://localhost:${port}/graphql}
    schema:
      file: ./apps/${name}/subgraph.graphql
    hsa:
      package: "@hsa/${name}"
      export: ${name}Module
      port_env: ${name.toUpperCase()}_PORT
      name_zh: 测试
      name_en: Test${extra}`;

describe("the subgraph registry (supergraph.yaml)", () => {
  it("lists the five subgraphs with their URL variables, ports, SDL files and import kinds", () => {
    const r = readRegistry({});
    expect(r.subgraphs.map((s) => s.name)).toEqual([
      "enrollment",
      "supervision",
      "payment",
      "procurement",
      "fund",
    ]);
    const payment = r.subgraphs.find((s) => s.name === "payment");
    expect(payment).toMatchObject({ urlEnv: "PAYMENT_URL", port: 4003, portEnv: "PAYMENT_REFORM_PORT" });
    expect(payment?.schemaFile).toMatch(/apps\/payment-reform\/subgraph\.graphql$/);
    expect(importKindOwners(r)).toEqual({
      enrollment: "enrollment",
      inspections: "supervision",
      "dip-cases": "payment",
      purchases: "procurement",
      "vbp-progress": "procurement",
      "fund-balance": "fund",
      "remote-settlement": "fund",
      "outpatient-pooling": "fund",
      assistance: "fund",
      "remote-registration": "enrollment",
    });
  });

  it("names a domain in Chinese for SDL descriptions, from the registry; unknown: its own name", () => {
    for (const s of readRegistry({}).subgraphs) expect(domainNameZh(s.name, {})).toBe(s.nameZh);
    expect(domainNameZh("nosuchdomain", {})).toBe("nosuchdomain");
    expect(domainNameZh("payment", { HSA_REGISTRY: "/nonexistent/supergraph.yaml" })).toBe("payment");
  });

  it("routes to the URL variable when it is set, else the default", () => {
    const src = `subgraphs:${ENTRY("fund", 4005)}`;
    expect(parseRegistry(src, "/x/supergraph.yaml", {}).subgraphs[0]?.routingUrl).toBe(
      "http://localhost:4005/graphql",
    );
    expect(
      parseRegistry(src, "/x/supergraph.yaml", { FUND_URL: "http://10.0.0.5:9000/graphql" }).subgraphs[0]
        ?.routingUrl,
    ).toBe("http://10.0.0.5:9000/graphql");
    expect(parseRegistry(src, "/x/supergraph.yaml", {}).subgraphs[0]?.schemaFile).toBe(
      "/x/apps/fund/subgraph.graphql",
    );
  });

  it("refuses an entry it cannot use, naming the entry and key", () => {
    expect(() =>
      parseRegistry(`subgraphs:${ENTRY("fund", 4005).replace(/\n\s*name_zh: 测试/, "")}`, "r.yaml", {}),
    ).toThrow(/fund\.hsa\.name_zh/);
    const twice = `subgraphs:${ENTRY("a", 4005, "\n      imports:\n        x: { zh: 甲, en: A }")}${ENTRY("b", 4006, "\n      imports:\n        x: { zh: 乙, en: B }")}`;
    expect(() => parseRegistry(twice, "r.yaml", {})).toThrow(/import kind "x" is declared twice/);
    expect(() => parseRegistry("subgraphs: {}\n", "r.yaml", {})).not.toThrow();
    expect(() => parseRegistry("federation_version: 2\n", "r.yaml", {})).toThrow(/no `subgraphs`/);
  });
});
