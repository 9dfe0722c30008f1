// Where the access matrix learns the writes of the graph and their entries, so that a new subgraph
// is covered without an edit here: the Mutation fields of the supergraph composed from the
// registry's SDL files (supergraph.yaml, as `npm start` serves it), the import kinds of the
// registry, and the entries of ./cases.ts plus those a registry subgraph keeps in its own folder
// (`<its folder>/test/access-matrix.ts`, exporting MUTATION_CASES and IMPORT_CASES).
import { existsSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { composeSupergraph, registrySubgraphs } from "@hsa/gateway";
import { importKindOwners, type Registry, readRegistry, registryEntryDir } from "@hsa/subgraph-kit";
import { Kind, parse } from "graphql";
import {
  IMPORT_CASES as CORE_IMPORT_CASES,
  MUTATION_CASES as CORE_MUTATION_CASES,
  type ImportCase,
  type WriteCase,
} from "./cases";

/** The supergraph of the registry's subgraphs (what `npm start` composes). */
export function registrySupergraph(registry: Registry = readRegistry()): string {
  return composeSupergraph(registrySubgraphs(registry));
}

export interface MatrixCases {
  MUTATION_CASES: Record<string, WriteCase>;
  IMPORT_CASES: Record<string, ImportCase>;
}

/** The entries of ./cases.ts and of every registry subgraph's own test/access-matrix.ts. */
export async function declaredCases(registry: Registry = readRegistry()): Promise<MatrixCases> {
  const out: MatrixCases = {
    MUTATION_CASES: { ...CORE_MUTATION_CASES },
    IMPORT_CASES: { ...CORE_IMPORT_CASES },
  };
  for (const entry of registry.subgraphs) {
    const file = join(registryEntryDir(entry), "test", "access-matrix.ts");
    if (!existsSync(file)) continue;
    const own = (await import(pathToFileURL(file).href)) as Partial<MatrixCases>;
    for (const [name, c] of Object.entries(own.MUTATION_CASES ?? {})) {
      if (name in out.MUTATION_CASES) throw new Error(`${file}: ${name} has an entry already`);
      out.MUTATION_CASES[name] = c;
    }
    for (const [kind, c] of Object.entries(own.IMPORT_CASES ?? {})) {
      if (kind in out.IMPORT_CASES) throw new Error(`${file}: import ${kind} has an entry already`);
      out.IMPORT_CASES[kind] = c;
    }
  }
  return out;
}

/** The Mutation field names of a supergraph. */
export function mutationNames(supergraphSdl: string): string[] {
  for (const d of parse(supergraphSdl).definitions)
    if (d.kind === Kind.OBJECT_TYPE_DEFINITION && d.name.value === "Mutation")
      return (d.fields ?? []).map((f) => f.name.value).sort();
  return [];
}

/** What the matrix lacks: writes of the graph without an entry, and entries of writes that are gone. */
export function coverageGaps(
  supergraphSdl: string,
  cases: MatrixCases,
  importKinds: Readonly<Record<string, string>>,
): { mutationsWithoutEntry: string[]; importsWithoutEntry: string[]; stale: string[] } {
  const names = mutationNames(supergraphSdl);
  const kinds = Object.keys(importKinds);
  return {
    mutationsWithoutEntry: names.filter((n) => !(n in cases.MUTATION_CASES)),
    importsWithoutEntry: kinds.filter((k) => !(k in cases.IMPORT_CASES)),
    stale: [
      ...Object.keys(cases.MUTATION_CASES).filter((n) => !names.includes(n)),
      ...Object.keys(cases.IMPORT_CASES).filter((k) => !kinds.includes(k)),
    ],
  };
}

/** Import kind → owning subgraph, from the registry. */
export function registryImportKinds(registry: Registry = readRegistry()): Record<string, string> {
  return importKindOwners(registry);
}
