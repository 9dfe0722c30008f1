// Shared helpers of the hardening tests (limits, faults, production mode, bad input).
import { enrollmentModule } from "@hsa/enrollment";
import { supervisionModule } from "@hsa/supervision";
import { type GqlResult, type StackOptions, startStack } from "./stack";

/** Enrollment + supervision on in-memory PGlite, with a little demo data. */
export function smallStack(opts: StackOptions = {}) {
  return startStack("pglite", undefined, {
    modules: [enrollmentModule, supervisionModule],
    enrollmentScopes: ["150000"],
    supervisionScopes: ["150000"],
    ...opts,
  });
}

/** POSTs any body (string or bytes) with the given headers; the JSON answer and status. */
export async function post(
  url: string,
  body: string | Uint8Array,
  headers: Record<string, string> = {},
): Promise<GqlResult & { headers: Headers }> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, ...(JSON.parse(text) as Omit<GqlResult, "status">) };
}

export function codes(r: Pick<GqlResult, "errors">): (string | undefined)[] {
  return (r.errors ?? []).map((e) => e.extensions?.code);
}

/** `region { parent { parent { … { code } } } }`: `depth` fields deep. */
export function deepQuery(depth: number): string {
  let inner = "code";
  for (let i = 0; i < depth - 2; i++) inner = `parent { ${inner} }`;
  return `{ region(code: "150724") { ${inner} } }`;
}

/** `n` aliased copies of `region(code) { code }`. */
export function aliasQuery(n: number): string {
  return `{ ${Array.from({ length: n }, (_, i) => `a${i}: region(code: "150700") { code }`).join(" ")} }`;
}
