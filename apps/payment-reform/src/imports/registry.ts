// What supervision (the owner of institutions) says about the institutions of an import, asked in
// batches on the importer's behalf.
import { callPeer } from "@hsa/subgraph-kit";

export interface RegistryEntry {
  id: string;
  kind: string;
  grade: string | null;
  regionCode: string;
}

/** Counties per request (aliases: the subgraphs allow 30) and institutions per page (the cap: 200). */
const COUNTIES_PER_REQUEST = 25;
const PAGE = 200;

/**
 * The inpatient hospitals of some counties, from supervision (their owner) on the caller's behalf:
 * one request for up to 25 counties, 200 institutions each, repeated only for counties with more
 * pages — never one request per row or per institution.
 */
export async function hospitalsOf(
  supervisionUrl: string,
  counties: readonly string[],
  authorization: string,
): Promise<Map<string, RegistryEntry>> {
  const out = new Map<string, RegistryEntry>();
  let todo = counties.map((code) => ({ code, after: null as string | null }));
  while (todo.length) {
    const next: typeof todo = [];
    for (let i = 0; i < todo.length; i += COUNTIES_PER_REQUEST) {
      const part = todo.slice(i, i + COUNTIES_PER_REQUEST);
      const vars: Record<string, unknown> = {};
      const decl: string[] = [];
      const fields = part.map((c, k) => {
        vars[`c${k}`] = c.code;
        vars[`a${k}`] = c.after;
        decl.push(`$c${k}: ID!`, `$a${k}: String`);
        return `r${k}: region(code: $c${k}) { institutions(filter: { kind: HOSPITAL }, first: ${PAGE}, after: $a${k}) { edges { node { id kind grade } } pageInfo { hasNextPage endCursor } } }`;
      });
      const query = `query PaymentImportHospitals(${decl.join(", ")}) { ${fields.join(" ")} }`;
      type Conn = {
        institutions: {
          edges: { node: { id: string; kind: string; grade: string | null } }[];
          pageInfo: { hasNextPage: boolean; endCursor: string | null };
        };
      } | null;
      const data = await callPeer<Record<string, Conn>>(
        "supervision",
        supervisionUrl,
        query,
        vars,
        authorization,
      );
      part.forEach((c, k) => {
        const conn = data[`r${k}`]?.institutions;
        if (!conn) return;
        for (const { node } of conn.edges) out.set(node.id, { ...node, regionCode: c.code });
        if (conn.pageInfo.hasNextPage && conn.pageInfo.endCursor)
          next.push({ code: c.code, after: conn.pageInfo.endCursor });
      });
    }
    todo = next;
  }
  return out;
}

/** Institutions that are not inpatient hospitals of their county: what they are (null: unknown), 25 per request. */
export async function describeOthers(
  supervisionUrl: string,
  ids: readonly string[],
  authorization: string,
): Promise<Map<string, RegistryEntry | null>> {
  const out = new Map<string, RegistryEntry | null>();
  for (let i = 0; i < ids.length; i += COUNTIES_PER_REQUEST) {
    const part = ids.slice(i, i + COUNTIES_PER_REQUEST);
    const vars = Object.fromEntries(part.map((id, k) => [`i${k}`, id]));
    const query = `query PaymentImportInstitutions(${part.map((_, k) => `$i${k}: ID!`).join(", ")}) { ${part
      .map((_, k) => `n${k}: institution(id: $i${k}) { id kind grade region { code } }`)
      .join(" ")} }`;
    type Node = { id: string; kind: string; grade: string | null; region: { code: string } } | null;
    const data = await callPeer<Record<string, Node>>(
      "supervision",
      supervisionUrl,
      query,
      vars,
      authorization,
    );
    part.forEach((id, k) => {
      const n = data[`n${k}`];
      out.set(id, n ? { id: n.id, kind: n.kind, grade: n.grade, regionCode: n.region.code } : null);
    });
  }
  return out;
}
