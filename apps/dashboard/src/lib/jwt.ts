/** Reads a JWT's payload for display only (name, scope, roles); the gateway verifies it. */
export interface TokenInfo {
  sub: string;
  name: string;
  scope: string;
  roles: string[];
  exp: number | null;
}

function b64urlDecode(s: string): string {
  const b64 = s
    .replace(/-/g, "+")
    .replace(/_/g, "/")
    .padEnd(Math.ceil(s.length / 4) * 4, "=");
  const bin = atob(b64);
  const bytes = Uint8Array.from(bin, (c) => c.charCodeAt(0));
  return new TextDecoder().decode(bytes);
}

export function decodeToken(token: string): TokenInfo | null {
  const parts = token.trim().split(".");
  if (parts.length !== 3 || !parts[1]) return null;
  try {
    const p = JSON.parse(b64urlDecode(parts[1])) as Record<string, unknown>;
    return {
      sub: typeof p.sub === "string" ? p.sub : "",
      name: typeof p.name === "string" ? p.name : typeof p.sub === "string" ? p.sub : "",
      scope: typeof p.scope === "string" ? p.scope : "",
      roles: Array.isArray(p.roles) ? p.roles.filter((r): r is string => typeof r === "string") : [],
      exp: typeof p.exp === "number" ? p.exp : null,
    };
  } catch {
    return null;
  }
}
