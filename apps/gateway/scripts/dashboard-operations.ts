import { readdirSync, readFileSync } from "node:fs";
import { readRegistry } from "@hsa/subgraph-kit";
import { type FieldDefinitionNode, Kind, parse, type TypeNode } from "graphql";
import * as generated from "../../dashboard/src/gql/graphql";
import { allDomainsText, domainText, saveDocumentText } from "../../dashboard/src/lib/document-text";
import { type PersistedOperationsFile, sha256 } from "../src/persisted";

/**
 * The GraphQL documents the dashboard sends, read from its typed documents: GraphQL Code
 * Generator writes them (`npm run codegen`) from `apps/dashboard/src/graphql/**\/*.graphql` into
 * `apps/dashboard/src/gql/graphql.ts`, each as the exact text the browser sends. No dashboard code
 * runs here but its document text rules (apps/dashboard/src/lib/document-text.ts, which the dashboard
 * applies to what it sends). The documents of `src/graphql/domain/` are templates written for the domain
 * `enrollment`; the dashboard re-targets them to each domain it shows (`forDomain`, replacing
 * `enrollment` / `Enrollment`), so they are listed for every domain of the registry and every
 * `<domain>Kpis` field the supergraph's Region offers. Those of `src/graphql/domains/` are templates
 * over all domains at once (a line naming `enrollment` is repeated per domain): listed for the
 * registry's domains and for those of the supergraph. And the generic save documents of the entry
 * forms (`saveDocumentText`): one per mutation the supergraph marks as generated from a fact
 * declaration that src/graphql/forms.graphql has no save document for.
 */
const GRAPHQL_DIR = new URL("../../dashboard/src/graphql/", import.meta.url);

/**
 * How @hsa/reporting's `defineFact` ends a generated mutation's description (its
 * `FACT_MUTATION_NOTE`; the dashboard's documents test fails when the two drift apart: the fifth
 * domain's forms would be missing from the allow-list).
 */
const FACT_MUTATION_NOTE_START = "由事实声明生成（defineFact）";

/** The mutation a forms.graphql save document saves (`result: <mutation>(input: $input)`), if it is one. */
function savedMutation(text: string): string | null {
  return (
    /^\s*mutation\s+\w+\(\$input:[^)]*\)\s*\{\s*result:\s*(\w+)\(input:\s*\$input\)/.exec(text)?.[1] ?? null
  );
}

/**
 * The generic save documents: for each mutation of the supergraph generated from a fact declaration
 * (its description's last line is defineFact's note; one argument `input: <InputType>!`) that no
 * document of the dashboard saves. Its payload must have `changed`, which the document selects.
 */
export function genericSaveDocuments(supergraphSdl: string, saved: ReadonlySet<string>): string[] {
  const doc = parse(supergraphSdl);
  const objects = new Map<string, readonly FieldDefinitionNode[]>();
  for (const d of doc.definitions)
    if (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION)
      objects.set(d.name.value, [...(objects.get(d.name.value) ?? []), ...(d.fields ?? [])]);
  const texts: string[] = [];
  for (const field of objects.get("Mutation") ?? []) {
    const lines = (field.description?.value ?? "").trim().split("\n");
    if (!lines[lines.length - 1]?.trim().startsWith(FACT_MUTATION_NOTE_START)) continue;
    const name = field.name.value;
    if (saved.has(name)) continue;
    const [arg, ...more] = field.arguments ?? [];
    if (!arg || more.length > 0 || arg.name.value !== "input" || arg.type.kind !== Kind.NON_NULL_TYPE)
      throw new Error(`${name}: a generated mutation takes one argument, input: <InputType>!`);
    const inputType = arg.type.type;
    if (inputType.kind !== Kind.NAMED_TYPE) throw new Error(`${name}: input is not a named input type`);
    const payload = namedType(field.type);
    if (!(objects.get(payload) ?? []).some((f) => f.name.value === "changed"))
      throw new Error(
        `${name}: its payload ${payload} has no \`changed\` for the entry form's generic save document; ` +
          "give the payload `changed` or write a save document in apps/dashboard/src/graphql/forms.graphql",
      );
    texts.push(saveDocumentText(name, inputType.name.value));
  }
  return texts;
}

function namedType(t: TypeNode): string {
  return t.kind === Kind.NAMED_TYPE ? t.name.value : namedType(t.type);
}

function operationNamesIn(dir: URL): Set<string> {
  const names = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".graphql")))
    for (const def of parse(readFileSync(new URL(file, dir), "utf8")).definitions)
      if (def.kind === Kind.OPERATION_DEFINITION && def.name) names.add(def.name.value);
  return names;
}

function operationName(text: string): string {
  const m = /^\s*(?:query|mutation|subscription)\s+(\w+)/.exec(text);
  if (!m?.[1]) throw new Error(`a generated document without an operation name: ${text.slice(0, 60)}`);
  return m[1];
}

/** The domains the dashboard may query: the registry's, plus any `<domain>Kpis` of Region. */
export function dashboardDomains(supergraphSdl: string): string[] {
  const doc = parse(supergraphSdl);
  const fromSupergraph = doc.definitions.flatMap((d) =>
    (d.kind === Kind.OBJECT_TYPE_DEFINITION || d.kind === Kind.OBJECT_TYPE_EXTENSION) &&
    d.name.value === "Region"
      ? (d.fields ?? []).flatMap((f) => /^([a-z][A-Za-z0-9]*)Kpis$/.exec(f.name.value)?.[1] ?? [])
      : [],
  );
  return [...new Set([...readRegistry().subgraphs.map((s) => s.name), ...fromSupergraph])];
}

/** Every text the dashboard may send, with its operation name. */
export function dashboardOperations(supergraphSdl: string): Map<string, string> {
  const perDomain = operationNamesIn(new URL("domain/", GRAPHQL_DIR));
  const allDomains = operationNamesIn(new URL("domains/", GRAPHQL_DIR));
  const domains = dashboardDomains(supergraphSdl);
  const registry = readRegistry().subgraphs.map((s) => s.name);
  const texts = Object.values(generated as Record<string, unknown>)
    .filter((v): v is InstanceType<typeof generated.TypedDocumentString> => v instanceof String)
    .map((v) => String(v));
  if (texts.length === 0) throw new Error("no generated documents: run `npm run codegen`");
  const recorded = new Map<string, string>();
  const saved = new Set(texts.flatMap((t) => savedMutation(t) ?? []));
  for (const text of genericSaveDocuments(supergraphSdl, saved)) recorded.set(text, operationName(text));
  for (const text of texts) {
    const name = operationName(text);
    if (allDomains.has(name)) {
      for (const set of [registry, domains]) recorded.set(allDomainsText(text, set), name);
      continue;
    }
    if (!perDomain.has(name)) {
      recorded.set(text, name);
      continue;
    }
    for (const d of domains) {
      const t = domainText(text, d);
      recorded.set(t, operationName(t));
    }
  }
  return recorded;
}

/** The allow-list file for the dashboard's operations, sorted by name (stable output). */
export function persistedOperationsFile(supergraphSdl: string): PersistedOperationsFile {
  const ops = dashboardOperations(supergraphSdl);
  return {
    format: "hsa-persisted-operations/1",
    operations: [...ops.entries()]
      .map(([query, name]) => ({ name, sha256: sha256(query) }))
      .sort((a, b) => a.name.localeCompare(b.name) || a.sha256.localeCompare(b.sha256)),
  };
}
