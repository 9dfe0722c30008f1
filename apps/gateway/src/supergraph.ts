import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** The committed supergraph, produced by `pnpm compose`. */
export const SUPERGRAPH_PATH = fileURLToPath(new URL("../supergraph.graphql", import.meta.url));

export function readSupergraph(path = SUPERGRAPH_PATH): string {
  return readFileSync(path, "utf8");
}

/** Subgraph names and URLs declared in a supergraph (its join__Graph enum). */
export function supergraphServices(sdl: string): { name: string; url: string }[] {
  const out: { name: string; url: string }[] = [];
  for (const m of sdl.matchAll(/@join__graph\(name:\s*"([^"]+)",\s*url:\s*"([^"]+)"\)/g)) {
    if (m[1] && m[2]) out.push({ name: m[1], url: m[2] });
  }
  return out;
}
