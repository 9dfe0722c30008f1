// The generated access matrix (issue 14): reads the composed supergraph and enumerates every
// Mutation field, every CSV import kind and every read field that returns region data; tries
// callers out of scope against existing data of 鄂温克族自治旗 (150724) — through the gateway and
// directly on the owning subgraph — and asserts FORBIDDEN or no data and, by re-reading, that
// nothing changed. A mutation or import kind without an entry in ./access/cases.ts (or in its
// subgraph's own test/access-matrix.ts, see ./access/declared.ts) fails here. The supergraph and the
// import kinds are the registry's (supergraph.yaml), so a new subgraph's writes are covered.

import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isInSubtree } from "@hsa/regions";
import {
  type FieldDefinitionNode,
  Kind,
  type ObjectTypeDefinitionNode,
  parse,
  print,
  type TypeNode,
} from "graphql";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { argumentValue, type Targets } from "./access/cases";
import { coverageGaps, declaredCases, registryImportKinds, registrySupergraph } from "./access/declared";
import { allModules, gql, type Stack, startStack, token, uploadCsv } from "./stack";

const supergraphSdl = registrySupergraph();
const supergraph = parse(supergraphSdl);
const IMPORT_KINDS = registryImportKinds();
const cases = await declaredCases();
const { MUTATION_CASES, IMPORT_CASES } = cases;
const objectTypes = new Map<string, ObjectTypeDefinitionNode>();
for (const d of supergraph.definitions) {
  if (d.kind === Kind.OBJECT_TYPE_DEFINITION) objectTypes.set(d.name.value, d);
}
/** join__Graph enum value (ENROLLMENT) → federation name (enrollment). */
const graphNames = new Map<string, string>();
for (const d of supergraph.definitions) {
  if (d.kind === Kind.ENUM_TYPE_DEFINITION && d.name.value === "join__Graph") {
    for (const v of d.values ?? []) {
      const name = v.directives
        ?.find((x) => x.name.value === "join__graph")
        ?.arguments?.find((a) => a.name.value === "name")?.value;
      if (name?.kind === Kind.STRING) graphNames.set(v.name.value, name.value);
    }
  }
}
function ownersOf(field: FieldDefinitionNode): string[] {
  return (field.directives ?? [])
    .filter((d) => d.name.value === "join__field")
    .map((d) => d.arguments?.find((a) => a.name.value === "graph")?.value)
    .flatMap((v) => (v?.kind === Kind.ENUM ? [graphNames.get(v.value) ?? v.value] : []));
}
function fieldsOf(type: string): readonly FieldDefinitionNode[] {
  return objectTypes.get(type)?.fields ?? [];
}
const namedType = (t: TypeNode): string => (t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type));

const mutationFields = fieldsOf("Mutation");
const importKinds = Object.keys(IMPORT_KINDS);

describe("the access matrix covers every write of the supergraph", () => {
  it("has an entry for every Mutation field and import kind, and none for fields that are gone", () => {
    const names = mutationFields.map((f) => f.name.value).sort();
    console.log(
      `access matrix: ${names.length} Mutation fields, ${importKinds.length} import kinds, ` +
        `${fieldsOf("Query").length + fieldsOf("Region").length + fieldsOf("Institution").length} read fields (Query, Region, Institution)`,
    );
    const gaps = coverageGaps(supergraphSdl, cases, IMPORT_KINDS);
    expect(
      gaps.mutationsWithoutEntry,
      "mutations without an access-matrix entry (add them to test/access/cases.ts or the subgraph's test/access-matrix.ts)",
    ).toEqual([]);
    expect(gaps.importsWithoutEntry, "import kinds without an access-matrix entry").toEqual([]);
    expect(gaps.stale, "entries of writes that are gone").toEqual([]);
    for (const f of mutationFields) {
      expect(ownersOf(f), `owner of ${f.name.value}`).toEqual([MUTATION_CASES[f.name.value]?.owner]);
    }
    for (const [kind, c] of Object.entries(IMPORT_CASES)) expect(c.owner).toBe(IMPORT_KINDS[kind]);
  });

  it("names, for every write, the test that proves its stored-row side (or why the row is the region named)", () => {
    const missing: string[] = [];
    const entries = [
      ...Object.entries(MUTATION_CASES).map(([n, c]) => [n, c.storedRow] as const),
      ...Object.entries(IMPORT_CASES).map(([k, c]) => [k, c.storedRow] as const),
    ];
    for (const [name, stored] of entries) {
      if ("keyedByRegion" in stored) {
        if (stored.keyedByRegion.length < 20)
          missing.push(`${name}: say why its stored row is the region named`);
        continue;
      }
      const path = fileURLToPath(new URL(stored.file, import.meta.url));
      if (!existsSync(path)) missing.push(`${name}: ${stored.file} does not exist`);
      else if (!readFileSync(path, "utf8").includes(name.replace(/"/g, "")))
        missing.push(`${name}: ${stored.file} does not mention it`);
    }
    expect(missing).toEqual([]);
  });
});

type Caller = { name: string; token: string; scope: string | null };
type Errors = { errors?: { message: string; extensions?: { code?: string } }[]; data?: unknown };

/** Refused: FORBIDDEN only (no other code, no data for the field). */
function refused(r: Errors, field: string): string | null {
  const codes = (r.errors ?? []).map((e) => e.extensions?.code);
  const data = (r.data as Record<string, unknown> | null | undefined)?.[field];
  if (codes.length === 0) return `answered without an error: ${JSON.stringify(r.data).slice(0, 200)}`;
  if (!codes.every((c) => c === "FORBIDDEN"))
    return `codes ${JSON.stringify(codes)}: ${r.errors?.[0]?.message}`;
  if (data !== undefined && data !== null) return `returned data: ${JSON.stringify(data).slice(0, 200)}`;
  return null;
}

/**
 * No data of the target: FORBIDDEN, or null / an empty list / a connection of 0 — or only items
 * the caller may see (their `regionCode` in scope; a pool-level item of the caller's own pool, such
 * as the DIP catalogue a county of the pool works under).
 */
function noData(r: Errors, path: string[], scope: string | null): string | null {
  const codes = (r.errors ?? []).map((e) => e.extensions?.code);
  if (codes.length && !codes.every((c) => c === "FORBIDDEN" || c === "NOT_FOUND"))
    return `codes ${JSON.stringify(codes)}: ${r.errors?.[0]?.message}`;
  let v: unknown = r.data;
  for (const p of path) {
    if (v === null || v === undefined) return null;
    v = Array.isArray(v) ? v[0]?.[p as never] : (v as Record<string, unknown>)[p];
  }
  if (v === null || v === undefined) return null;
  const visible = (item: unknown): boolean => {
    if (!item || typeof item !== "object" || scope === null) return false;
    const o = item as { code?: string; regionCode?: string; poolingArea?: string };
    const region = o.regionCode ?? o.code;
    if (region) return isInSubtree(region, scope);
    if (o.poolingArea) return isInSubtree(o.poolingArea, scope) || isInSubtree(scope, o.poolingArea);
    return false;
  };
  if (Array.isArray(v)) {
    const foreign = v.filter((x) => !visible(x));
    return foreign.length === 0
      ? null
      : `${foreign.length} items outside the scope: ${JSON.stringify(foreign).slice(0, 200)}`;
  }
  if (typeof v === "object" && "totalCount" in v)
    return (v as { totalCount: number }).totalCount === 0
      ? null
      : `totalCount ${(v as { totalCount: number }).totalCount}`;
  if (visible(v)) return null;
  return `returned ${JSON.stringify(v).slice(0, 200)}`;
}

describe("out-of-scope callers change nothing and read nothing (PGlite, every subgraph)", () => {
  let stack: Stack;
  let admin: string;
  let callers: Caller[];
  let readers: Caller[];
  let t: Targets;

  beforeAll(async () => {
    stack = await startStack("pglite", undefined, {
      enrollmentScopes: ["150700"],
      supervisionScopes: ["150000"],
      procurementScopes: ["150700"],
      procurementRange: { from: "2023Q1", to: "2023Q4" },
      paymentScopes: ["150700"],
      // every other registry subgraph with demo figures by region (its insertDemoScope hook)
      demoScopes: Object.fromEntries(
        allModules.filter((m) => m.insertDemoScope).map((m) => [m.name, ["150700"]]),
      ),
    });
    const writeRoles = ["viewer", "reporter", "approver", "admin"];
    admin = await token({ sub: "matrix-admin", scope: "000000", roles: ["viewer", "admin"] });
    callers = [
      {
        name: "another city's approver (430600)",
        scope: "430600",
        token: await token({ sub: "m-yy", scope: "430600", roles: writeRoles }),
      },
      {
        name: "a sibling county's reporter (150702)",
        scope: "150702",
        token: await token({ sub: "m-hl", scope: "150702", roles: writeRoles }),
      },
      {
        name: "a viewer (national, read only)",
        scope: "000000",
        token: await token({ sub: "m-v", scope: "000000", roles: ["viewer"] }),
      },
      { name: "a token without scope", scope: null, token: await token({ sub: "m-n", roles: writeRoles }) },
    ];
    readers = callers.filter((c) => !c.name.startsWith("a viewer"));
    const progress = stack.procurement.progress.find(
      (p) => p.institutionId.startsWith("150724-") && p.quarter === "2023Q1",
    );
    const dipCase = stack.payment[0]?.cases.find(
      (c) => c.institutionId.startsWith("150724-") && c.quarter === "2023Q1",
    );
    const alliance = stack.payment[0]?.budgets.find(
      (b) => b.kind === "ALLIANCE" && b.year === 2023 && b.regionCode !== "150702",
    );
    if (!progress || !dipCase || !alliance)
      throw new Error(
        `the demo data has no rows to aim at: ${JSON.stringify({ progress, dipCase, alliance })}`,
      );
    // the first metric of every domain's catalogue, as the graph lists them (for <domain>Ranking)
    const domains = await gql<{ domains: { name: string; metricsField: string }[] }>(
      stack.gateway.url,
      "{ domains { name metricsField } }",
      {},
      admin,
    );
    const rankingMetrics: Record<string, string> = {};
    for (const d of domains.data?.domains ?? []) {
      const r = await gql<Record<string, { id: string }[]>>(
        stack.gateway.url,
        `{ metrics: ${d.metricsField} { id } }`,
        {},
        admin,
      );
      const first = r.data?.metrics?.[0]?.id;
      if (!first) throw new Error(`${d.name}: no metric in its catalogue (${JSON.stringify(r.errors)})`);
      rankingMetrics[d.name] = first;
    }
    t = {
      rankingMetrics,
      county: "150724",
      city: "150700",
      quarter: "2023Q1",
      year: 2023,
      institution: progress.institutionId,
      productId: progress.productId,
      dipInstitution: dipCase.institutionId,
      groupCode: dipCase.groupCode,
      allianceKey: alliance.key,
      allianceCounty: alliance.regionCode,
    };
  }, 300_000);
  afterAll(async () => {
    await stack?.stop();
  });

  const snapshot = async (read: { query: string; variables: Record<string, unknown> }) => {
    const r = await gql(stack.gateway.url, read.query, read.variables, admin);
    expect(r.errors, "the re-read itself must answer").toBeUndefined();
    return JSON.stringify(r.data);
  };

  it.each(mutationFields.map((f) => f.name.value))("Mutation.%s", async (name) => {
    const c = MUTATION_CASES[name];
    if (!c) throw new Error(`no access-matrix entry for ${name}`);
    const before = await snapshot(c.reread(t));
    const { query, variables } = c.write(t);
    const problems: string[] = [];
    for (const caller of callers) {
      for (const [route, url] of [
        ["gateway", stack.gateway.url],
        [c.owner, stack.services[c.owner]?.url ?? ""],
      ] as const) {
        const why = refused(await gql(url, query, variables, caller.token), name);
        if (why) problems.push(`${caller.name} via ${route}: ${why}`);
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshot(c.reread(t))).toBe(before);
  });

  it("refuses the cross-city budget overwrite of the issue (430600 approver, key 150702-ALLIANCE)", async () => {
    const read = MUTATION_CASES.setGlobalBudget?.reread(t);
    if (!read) throw new Error("no setGlobalBudget entry");
    const budgets = (y: number) =>
      gql<{ globalBudgets: { key: string; regionCode: string; budgetYuan: string }[] }>(
        stack.gateway.url,
        `query B($y: Int!) { globalBudgets(poolingArea: "150700", year: $y) { key regionCode budgetYuan } }`,
        { y },
        admin,
      );
    const before = JSON.stringify((await budgets(2024)).data);
    const approver = await token({ sub: "yy-appr", scope: "430600", roles: ["viewer", "approver"] });
    const r = await gql(
      stack.gateway.url,
      `mutation { setGlobalBudget(input: { kind: ALLIANCE, poolingArea: "430600", key: "150702-ALLIANCE",
        regionCode: "430602", name: "x", year: 2024, budgetYuan: "0.01", surplusRetainedShare: "0", overspendSharedShare: "0" }) {
        budget { key regionCode budgetYuan spend { quarter spentYuan } } } }`,
      {},
      approver,
    );
    expect(refused(r, "setGlobalBudget")).toBeNull();
    expect(JSON.stringify((await budgets(2024)).data)).toBe(before);
    expect(before).toContain("150702-ALLIANCE");
  });

  it.each(importKinds)("import %s", async (kind) => {
    const c = IMPORT_CASES[kind];
    if (!c) throw new Error(`no access-matrix entry for import ${kind}`);
    const before = await snapshot(c.reread(t));
    const problems: string[] = [];
    for (const caller of callers) {
      for (const [route, url] of [
        ["gateway", stack.gateway.url],
        [c.owner, stack.services[c.owner]?.url ?? ""],
      ] as const) {
        const r = await uploadCsv(url.replace(/\/graphql$/, "/"), kind, c.csv(t), caller.token);
        // Refused as a whole (403), or row by row (422) for scope only — not for a malformed file.
        if (r.status !== 403 && r.status !== 422)
          problems.push(`${caller.name} via ${route}: HTTP ${r.status}`);
        if (r.body.ok) problems.push(`${caller.name} via ${route}: ok`);
        if (r.status === 422) {
          const errors = r.body.errors ?? [];
          const other = errors.filter((e) => !/scope|权限|范围/i.test(`${e.reason ?? ""}`));
          if (other.length || !errors.length)
            problems.push(`${caller.name} via ${route}: 422 not for scope: ${JSON.stringify(errors)}`);
        }
      }
    }
    expect(problems).toEqual([]);
    expect(await snapshot(c.reread(t))).toBe(before);
  });

  /** Every read field with region data: Query fields through the gateway and on their subgraph. */
  const readCases = [
    ...fieldsOf("Query")
      .filter((f) => (f.arguments ?? []).length > 0)
      .map((f) => ({ type: "Query", field: f })),
    ...fieldsOf("Region")
      .filter((f) => (f.arguments ?? []).length > 0)
      .map((f) => ({ type: "Region", field: f })),
    ...fieldsOf("Institution")
      .filter((f) => f.name.value !== "id")
      .map((f) => ({ type: "Institution", field: f })),
  ];

  it.each(readCases.map((c) => [`${c.type}.${c.field.name.value}`, c] as const))("%s", async (_, c) => {
    const f = c.field;
    // Required arguments, and the optional ones that aim a field at a region (regions(parent),
    // <domain>Ranking(within)).
    const required = (f.arguments ?? []).filter(
      (a) => a.type.kind === Kind.NON_NULL_TYPE || a.name.value === "parent" || a.name.value === "within",
    );
    const args = required.map((a) => {
      const v = argumentValue(a.name.value, t, f.name.value);
      if (v === undefined)
        throw new Error(`no matrix value for argument ${a.name.value} of ${c.type}.${f.name.value}`);
      return { name: a.name.value, type: print(a.type), value: v };
    });
    const ret = namedType(f.type);
    const scalarish = !objectTypes.has(ret);
    const retFields = new Set((objectTypes.get(ret)?.fields ?? []).map((x) => x.name.value));
    const own = [ret === "Region" ? "code" : "", "regionCode", "poolingArea"]
      .filter((x) => x && retFields.has(x))
      .join(" ");
    const sel = scalarish ? "" : ret.endsWith("Connection") ? "{ totalCount }" : `{ __typename ${own} }`;
    const varDefs = args.map((a) => `$${a.name}: ${a.type}`).join(", ");
    const argList = args.map((a) => `${a.name}: $${a.name}`).join(", ");
    const call = `${f.name.value}${argList ? `(${argList})` : ""} ${sel}`;
    const variables = Object.fromEntries(args.map((a) => [a.name, a.value]));
    const problems: string[] = [];
    const owners = ownersOf(f);
    for (const caller of readers) {
      if (c.type === "Query") {
        const q = `query R${varDefs ? `(${varDefs})` : ""} { ${call} }`;
        for (const url of [stack.gateway.url, ...owners.map((o) => stack.services[o]?.url ?? "")]) {
          const why = noData(await gql(url, q, variables, caller.token), [f.name.value], caller.scope);
          if (why) problems.push(`${caller.name} at ${url}: ${why}`);
        }
      } else {
        // Region and Institution fields: as entities, straight on each subgraph that resolves them.
        const rep =
          c.type === "Region"
            ? { __typename: "Region", code: t.county }
            : { __typename: "Institution", id: t.institution };
        const q = `query E($r: [_Any!]!${varDefs ? `, ${varDefs}` : ""}) { _entities(representations: $r) { ... on ${c.type} { ${call} } } }`;
        for (const owner of owners) {
          const r = await gql(stack.services[owner]?.url ?? "", q, { r: [rep], ...variables }, caller.token);
          const why = noData(r, ["_entities", f.name.value], caller.scope);
          if (why) problems.push(`${caller.name} on ${owner}: ${why}`);
        }
        if (c.type === "Region") {
          const viaGateway = `query G($c: ID!${varDefs ? `, ${varDefs}` : ""}) { region(code: $c) { ${call} } }`;
          const why = noData(
            await gql(stack.gateway.url, viaGateway, { c: t.county, ...variables }, caller.token),
            ["region"],
            caller.scope,
          );
          if (why) problems.push(`${caller.name} via gateway: ${why}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });
});
