// Hostile and careless input, through the real gateway and directly on the enrollment subgraph:
// every case gets its documented code, the services stay up, and nothing is written.
import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { aliasQuery, codes, deepQuery, post, smallStack } from "./helpers";
import { gql, SECRET, type Stack, token } from "./stack";

const KPIS = `query K($code: ID!, $from: Quarter!, $to: Quarter!, $metrics: [ID!]) {
  region(code: $code) { code enrollmentKpis(from: $from, to: $to, metrics: $metrics) { total { numerator denominator } } }
}`;
const GOOD = { code: "150724", from: "2022Q1", to: "2022Q4", metrics: ["enrollment.rate"] };
const REPORT = `mutation R($input: EnrollmentReportInput!) { reportEnrollment(input: $input) { changed } }`;
const READ = `query Read { enrollmentReport(regionCode: "150724", quarter: "2024Q4") { insuredEmployee }
  enrollmentAudit(regionCode: "150724") { actorSub oldValue newValue } }`;

function report(overrides: Record<string, unknown> = {}) {
  return {
    regionCode: "150724",
    quarter: "2024Q4",
    insuredEmployee: 41_200,
    insuredResident: 98_700,
    registeredPopulation: 146_000,
    evoucherActivated: 88_100,
    settlementsTotal: 70_000,
    settlementsEvoucher: 21_000,
    remoteRegistrations: 1_650,
    remoteHospitalisations: 1_700,
    subsidisedPersons: 8_102,
    subsidyAmountYuan: "908900.00",
    ...overrides,
  };
}

const SQL = ["150724' OR '1'='1", "150724; DROP TABLE enrollment.enrollment_reports;--", "1 UNION SELECT 1"];

describe("bad input", () => {
  let stack: Stack;
  let viewer: string;
  let reporter: string;
  let snapshot: string;
  let goodAnswer: unknown;

  beforeAll(async () => {
    stack = await smallStack({ supervisionScopes: [] });
    viewer = await token({ sub: "v", scope: "150000", roles: ["viewer"] });
    reporter = await token({ sub: "r", scope: "150724", roles: ["viewer", "reporter"] });
    snapshot = JSON.stringify((await gql(stack.gateway.url, READ, {}, viewer)).data);
    goodAnswer = (await gql(stack.gateway.url, KPIS, GOOD, viewer)).data;
    expect(goodAnswer).toBeTruthy();
  }, 120_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const targets = ["gateway", "enrollment"] as const;
  const urlOf = (t: (typeof targets)[number]) => (t === "gateway" ? stack.gateway.url : stack.enrollment.url);

  describe.each(targets)("on the %s", (target) => {
    it("malformed quarters → BAD_USER_INPUT", async () => {
      for (const q of [
        "2023Q5",
        "2023Q0",
        "2023-Q1",
        "",
        "23Q1",
        "2023q1x",
        "２０２３Q1",
        "2023Q1' OR 1=1--",
      ]) {
        const r = await gql(urlOf(target), KPIS, { ...GOOD, from: q }, viewer);
        expect(codes(r), q).toEqual(["BAD_USER_INPUT"]);
      }
      const reversed = await gql(urlOf(target), KPIS, { ...GOOD, from: "2023Q1", to: "2022Q1" }, viewer);
      expect(codes(reversed)).toEqual(["BAD_USER_INPUT"]);
      const decade = await gql(urlOf(target), KPIS, { ...GOOD, from: "2000Q1", to: "2024Q4" }, viewer);
      expect(codes(decade)).toEqual(["BAD_USER_INPUT"]);
    });

    it("malformed region codes and SQL-looking codes → BAD_USER_INPUT; unknown ones → NOT_FOUND", async () => {
      for (const code of ["15072", "1507241", "abcdef", "", "１５０７２４", ...SQL]) {
        const r = await gql(urlOf(target), KPIS, { ...GOOD, code }, viewer);
        expect(codes(r), code).toEqual(["BAD_USER_INPUT"]);
      }
      expect(codes(await gql(urlOf(target), KPIS, { ...GOOD, code: "159999" }, viewer))).toEqual([
        "NOT_FOUND",
      ]);
    });

    it("wrong types → BAD_USER_INPUT", async () => {
      for (const vars of [
        { ...GOOD, from: 2023 },
        { ...GOOD, from: null },
        { ...GOOD, code: { $ne: null } },
        { ...GOOD, metrics: [1.5] },
        { ...GOOD, metrics: [{}] },
      ]) {
        expect(codes(await gql(urlOf(target), KPIS, vars, viewer)), JSON.stringify(vars)).toEqual([
          "BAD_USER_INPUT",
        ]);
      }
    });

    it("huge lists and SQL-looking metric ids → BAD_USER_INPUT", async () => {
      const many = Array.from({ length: 10_000 }, (_, i) => `enrollment.m${i}`);
      const r = await gql(urlOf(target), KPIS, { ...GOOD, metrics: many }, viewer);
      expect(codes(r)).toEqual(["BAD_USER_INPUT"]);
      expect(r.errors?.[0]?.message).toMatch(/10000 metric ids; at most 100/);
      for (const id of ["enrollment.rate' OR '1'='1", "enrollment.rate; DROP TABLE x"]) {
        expect(codes(await gql(urlOf(target), KPIS, { ...GOOD, metrics: [id] }, viewer))).toEqual([
          "BAD_USER_INPUT",
        ]);
      }
    });

    it("deep, wide and alias-bomb queries → QUERY_TOO_DEEP / QUERY_TOO_LARGE / TOO_MANY_ALIASES", async () => {
      expect(codes(await gql(urlOf(target), deepQuery(40), {}, viewer))).toEqual(["QUERY_TOO_DEEP"]);
      expect(codes(await gql(urlOf(target), aliasQuery(200), {}, viewer))).toEqual(["TOO_MANY_ALIASES"]);
      const wide = `{ region(code: "150724") { ${"name ".repeat(6_000)} } }`;
      expect(codes(await gql(urlOf(target), wide, {}, viewer))).toEqual(["QUERY_TOO_LARGE"]);
    });

    it("oversized, non-UTF-8, non-JSON and batched bodies → 413 PAYLOAD_TOO_LARGE / 400 BAD_REQUEST / BATCHING_DISABLED", async () => {
      const auth = { authorization: `Bearer ${viewer}` };
      const big = await post(
        urlOf(target),
        JSON.stringify({ query: "{ __typename }", v: "9".repeat(2_000_000) }),
        auth,
      );
      expect(big.status).toBe(413);
      expect(codes(big)).toEqual(["PAYLOAD_TOO_LARGE"]);
      const prefix = Buffer.from('{"query":"{ region(code: \\"1507');
      const bytes = Buffer.concat([
        prefix,
        Buffer.from([0xff, 0xfe, 0xc3, 0x28]),
        Buffer.from('\\") { code } }"}'),
      ]);
      const nonUtf8 = await post(urlOf(target), bytes, auth);
      expect(nonUtf8.status).toBe(400);
      expect(codes(nonUtf8)).toEqual(["BAD_REQUEST"]);
      expect(nonUtf8.errors?.[0]?.message).toMatch(/UTF-8/);
      const notJson = await post(urlOf(target), '{"query": "{ __typename }"', auth);
      expect(notJson.status).toBe(400);
      expect(codes(notJson)).toEqual(["BAD_REQUEST"]);
      const batch = await post(urlOf(target), JSON.stringify([{ query: "{ __typename }" }]), auth);
      expect(codes(batch)).toEqual(["BATCHING_DISABLED"]);
    });

    it("invalid, expired, unsigned and foreign JWTs → 401 UNAUTHENTICATED", async () => {
      const now = Math.floor(Date.now() / 1000);
      const unsigned = `${Buffer.from(JSON.stringify({ alg: "none", typ: "JWT" })).toString("base64url")}.${Buffer.from(
        JSON.stringify({
          sub: "x",
          scope: "000000",
          roles: ["admin"],
          iss: "hsa-graph",
          aud: "hsa-graph",
          exp: now + 600,
        }),
      ).toString("base64url")}.`;
      const wrongIssuer = await new SignJWT({ scope: "000000", roles: ["admin"] })
        .setProtectedHeader({ alg: "HS256" })
        .setSubject("x")
        .setIssuer("someone-else")
        .setAudience("hsa-graph")
        .setExpirationTime("5m")
        .sign(new TextEncoder().encode(SECRET));
      const bad = [
        "not.a.jwt",
        "x",
        unsigned,
        wrongIssuer,
        await token({ sub: "x", scope: "000000" }, `${SECRET}-other`),
        await token({ sub: "x", scope: "000000" }, SECRET, now - 60),
      ];
      for (const t of bad) {
        const r = await gql(urlOf(target), KPIS, GOOD, t);
        expect(r.status, t).toBe(401);
        expect(codes(r)).toEqual(["UNAUTHENTICATED"]);
      }
      const basic = await post(urlOf(target), JSON.stringify({ query: "{ __typename }" }), {
        authorization: "Basic dXNlcjpwdw==",
      });
      expect(basic.status).toBe(401);
      expect(codes(basic)).toEqual(["UNAUTHENTICATED"]);
    });

    it("tokens with unknown roles grant nothing: no writes (FORBIDDEN)", async () => {
      const t = await token({ sub: "x", scope: "150724", roles: ["superuser", "root", "ADMIN"] });
      const r = await gql(urlOf(target), REPORT, { input: report() }, t);
      expect(codes(r)).toEqual(["FORBIDDEN"]);
    });

    it("writes with bad values or SQL-looking strings → BAD_USER_INPUT, nothing written", async () => {
      for (const input of [
        report({ regionCode: SQL[0] }),
        report({ regionCode: SQL[1] }),
        report({ insuredEmployee: -1 }),
        report({ subsidyAmountYuan: "1e9; DROP TABLE x" }),
        report({ subsidyAmountYuan: "'; DELETE FROM enrollment.enrollment_reports; --" }),
        report({ quarter: "2024Q9" }),
        report({ insuredEmployee: "many" }),
      ]) {
        const r = await gql(urlOf(target), REPORT, { input }, reporter);
        expect(codes(r), JSON.stringify(input)).toEqual(["BAD_USER_INPUT"]);
      }
    });

    it("stays up: a good query answers as before and a re-read shows nothing written", async () => {
      expect((await gql(urlOf(target), KPIS, GOOD, viewer)).data).toEqual(goodAnswer);
      expect(JSON.stringify((await gql(stack.gateway.url, READ, {}, viewer)).data)).toBe(snapshot);
      expect((await fetch(new URL("/health", urlOf(target)))).status).toBe(200);
    });
  });
});
