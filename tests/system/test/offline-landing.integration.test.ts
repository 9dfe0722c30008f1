// Nothing the product serves may load from an outside host (a 政务内网 has no internet): a browser
// opening the gateway's or a subgraph's /graphql gets a local page, not Apollo's CDN landing page
// (its IDE from Apollo's CDN, its font from Google Fonts).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Stack, startStack } from "./stack";

/** Every absolute address a page names (src, href, url(), @import, plain text). */
const addresses = (html: string) =>
  [...html.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+(?::\d+)?/gi)].map((m) => m[0]);
const isLocal = (a: string) => /^(?:https?:)?\/\/(127\.0\.0\.1|localhost)(?::\d+)?$/i.test(a);

describe("GET /graphql in a browser (no outside host)", () => {
  let stack: Stack;
  beforeAll(async () => {
    stack = await startStack("pglite", undefined, { enrollmentScopes: ["150724"] });
  }, 180_000);
  afterAll(async () => {
    await stack?.stop();
  });

  it("the gateway and every subgraph answer with a self-contained page in Chinese and English", async () => {
    const services = { gateway: stack.gateway, ...stack.services };
    expect(Object.keys(services).length).toBeGreaterThanOrEqual(5);
    for (const [name, service] of Object.entries(services)) {
      const res = await fetch(new URL("/graphql", service.url), { headers: { accept: "text/html" } });
      expect(res.status, name).toBe(200);
      expect(res.headers.get("content-type"), name).toMatch(/text\/html/);
      const html = await res.text();
      expect(html, name).toContain("HSA Graph");
      expect(html, name).toMatch(/GraphQL 接口/);
      expect(html, name).not.toMatch(/apollographql|googleapis|gstatic|unpkg|jsdelivr|embeddable-sandbox/i);
      expect(html, name).not.toMatch(/<script|<link|<img|@import/i);
      expect(
        addresses(html).filter((a) => !isLocal(a)),
        name,
      ).toEqual([]);
    }
  });

  it("a POST still answers GraphQL (the page changes nothing for clients)", async () => {
    const res = await fetch(new URL("/graphql", stack.gateway.url), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ query: "{ __typename }" }),
    });
    const body = (await res.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe("UNAUTHENTICATED");
  });
});
