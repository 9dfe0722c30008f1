/**
 * API tokens for scripts (issue 20 item 4), as the dashboard's 接口令牌 page uses them: the
 * gateway's `POST /auth/tokens`, `GET /auth/tokens` and `POST /auth/tokens/revoke`, reached through
 * the dashboard's own origin (the server proxies /auth/tokens like /graphql). Every failure becomes
 * a TokenApiError (HTTP status + code) and `tokenErrorText` says it in plain Chinese or English.
 */
import { gql, type RegionRef } from "./api";
import type { Messages } from "./i18n";
import { UNITS_QUERY } from "./reporting";

/** Roles an API token may carry (never admin), in the order the form offers them. */
export const TOKEN_ROLES = ["viewer", "reporter", "approver", "analyst"] as const;
export type TokenRole = (typeof TOKEN_ROLES)[number];
export const DEFAULT_TOKEN_DAYS = 90;
export const MAX_TOKEN_DAYS = 366;
export const MAX_NAME_LENGTH = 80;

export type TokenStatus = "ACTIVE" | "EXPIRED" | "REVOKED";

export interface ApiToken {
  id: string;
  name: string;
  scope: string;
  scopeName: string;
  roles: string[];
  createdBy: string;
  createdAt: string;
  expiresAt: string;
  revokedAt: string | null;
  revokedBy: string | null;
  status: TokenStatus;
}

/** The answer to issuing: the token itself is in it this once and never again. */
export interface IssuedToken extends ApiToken {
  token: string;
}

export interface IssueRequest {
  name: string;
  scope: string;
  roles: string[];
  expiresInDays: number;
}

/**
 * A failed token request. `status` 0: no answer (network); `code`: the gateway's
 * extensions.code, or BAD_RESPONSE when the answer was not the gateway's JSON, or one of the
 * form's own checks (NAME, ROLES, DAYS) before anything was sent.
 */
export class TokenApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "TokenApiError";
  }
}

interface ErrorBody {
  errors?: { message?: string; extensions?: { code?: string } }[];
}

/** `base`: "" in the browser (the dashboard's own origin); a gateway URL in the tests. */
async function call<T>(
  token: string,
  method: "GET" | "POST",
  path: string,
  body: unknown,
  base: string,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(`${base.replace(/\/$/, "")}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      body: body === undefined ? null : JSON.stringify(body),
    });
  } catch (err) {
    throw new TokenApiError(0, "NETWORK", (err as Error).message);
  }
  let json: unknown;
  try {
    json = await res.json();
  } catch {
    throw new TokenApiError(res.status, "BAD_RESPONSE", `HTTP ${res.status}`);
  }
  if (!res.ok) {
    const first = (json as ErrorBody).errors?.[0];
    throw new TokenApiError(
      res.status,
      first?.extensions?.code ?? "BAD_RESPONSE",
      first?.message ?? `HTTP ${res.status}`,
    );
  }
  return json as T;
}

export async function listTokens(token: string, base = ""): Promise<ApiToken[]> {
  const r = await call<{ tokens?: ApiToken[] }>(token, "GET", "/auth/tokens", undefined, base);
  if (!Array.isArray(r.tokens)) throw new TokenApiError(200, "BAD_RESPONSE", "no tokens in the answer");
  return r.tokens;
}

export function issueToken(token: string, req: IssueRequest, base = ""): Promise<IssuedToken> {
  return call<IssuedToken>(token, "POST", "/auth/tokens", req, base);
}

export function revokeToken(token: string, id: string, base = ""): Promise<ApiToken> {
  return call<ApiToken>(token, "POST", "/auth/tokens/revoke", { id }, base);
}

/** The form's own checks (the gateway checks the same): null when the request may be sent. */
export function checkIssue(req: IssueRequest): TokenApiError | null {
  const name = req.name.trim();
  if (name.length < 1 || name.length > MAX_NAME_LENGTH) return new TokenApiError(400, "NAME", "name");
  if (req.roles.length === 0) return new TokenApiError(400, "ROLES", "roles");
  if (!Number.isInteger(req.expiresInDays) || req.expiresInDays < 1 || req.expiresInDays > MAX_TOKEN_DAYS)
    return new TokenApiError(400, "DAYS", "expiresInDays");
  return null;
}

/** Which field a gateway 400 names ("name: …", "roles: …"): the gateway's messages start with it. */
function badField(message: string): "name" | "roles" | "expiresInDays" | "scope" | null {
  const m = /^(name|roles|expiresInDays|scope):/.exec(message);
  return m ? (m[1] as "name" | "roles" | "expiresInDays" | "scope") : null;
}

/** Plain words for a failed token request, in the page's language. */
export function tokenErrorText(err: unknown, t: Messages): string {
  if (!(err instanceof TokenApiError)) return `${t.tokErrOther} (${(err as Error)?.message ?? String(err)})`;
  switch (err.code) {
    case "NAME":
      return t.tokErrName;
    case "ROLES":
      return t.tokErrRoles;
    case "DAYS":
      return t.tokErrDays;
  }
  if (err.status === 0 || err.status === 502 || err.code === "GATEWAY_UNREACHABLE") return t.tokErrNetwork;
  switch (err.status) {
    case 400: {
      const field = badField(err.message);
      if (field === "name") return t.tokErrName;
      if (field === "roles") return t.tokErrRoles;
      if (field === "expiresInDays") return t.tokErrDays;
      if (field === "scope") return t.tokErrScope;
      return `${t.tokErrBadInput} (${err.message})`;
    }
    case 401:
      return t.tokErrSignIn;
    case 403:
      return /outside your region/.test(err.message) ? t.tokErrOutside : t.tokErrForbidden;
    case 404:
      return t.tokErrNotFound;
    case 501:
      return t.tokErrOidc;
    case 503:
      return t.tokErrUnavailable;
  }
  if (err.code === "BAD_RESPONSE") return `${t.tokErrBadResponse} (HTTP ${err.status})`;
  return `${t.tokErrOther} (HTTP ${err.status})`;
}

/** The token's roles as the table shows them: "查看 viewer、填报 reporter" / "viewer, reporter". */
export function roleLabels(roles: readonly string[], t: Messages): string {
  return roles
    .map((r) => {
      const key = `tokRole_${r}` as keyof Messages;
      return key in t ? `${t[key]}` : r;
    })
    .join(t.listSep);
}

/**
 * The scopes the form offers: the admin's own region and its children (the persisted
 * ReportingUnits document, so it also works in production). Falls back to the own region alone.
 */
export async function fetchScopeChoices(token: string, scope: string): Promise<RegionRef[]> {
  const data = await gql<{ region: (RegionRef & { children?: RegionRef[] }) | null }>(
    token,
    UNITS_QUERY,
    { code: scope },
    { operationName: "ReportingUnits" },
  );
  const r = data.region;
  if (!r) return [];
  return [
    { code: r.code, name: r.name, level: r.level },
    ...(r.children ?? []).map((c) => ({ code: c.code, name: c.name, level: c.level })),
  ];
}
