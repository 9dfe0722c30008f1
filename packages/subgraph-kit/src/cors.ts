import type { IncomingMessage } from "node:http";

/** `HSA_CORS_ORIGINS`: a comma-separated list of exact origins (e.g. `https://bi.hsa.example`). */
export function corsOriginsFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.HSA_CORS_ORIGINS ?? "")
    .split(",")
    .map((o) => o.trim().replace(/\/+$/, ""))
    .filter(Boolean);
}

/**
 * CORS for the listed origins only: the `headers` and `preflight` hooks of graphqlHttpHandler.
 * An allowed origin gets Access-Control-Allow-Origin (echoed, `Vary: Origin`) and, on a
 * preflight, the methods and headers GraphQL needs; any other origin gets no CORS headers and its
 * preflight is refused (403), so browsers block the cross-origin call.
 */
export function cors(origins: readonly string[]) {
  const allowed = new Set(origins);
  const originOf = (req: IncomingMessage) => {
    const o = req.headers.origin;
    return typeof o === "string" && allowed.has(o) ? o : null;
  };
  return {
    headers(req: IncomingMessage): Record<string, string> {
      const origin = originOf(req);
      if (!origin) return allowed.size ? { vary: "Origin" } : {};
      const out: Record<string, string> = { "access-control-allow-origin": origin, vary: "Origin" };
      if (req.method === "OPTIONS") {
        out["access-control-allow-methods"] = "GET, POST, OPTIONS";
        out["access-control-allow-headers"] =
          "authorization, content-type, apollo-require-preflight, x-apollo-operation-name, x-request-id";
        out["access-control-max-age"] = "600";
      }
      return out;
    },
    preflight(req: IncomingMessage): boolean {
      return originOf(req) !== null;
    },
  };
}
