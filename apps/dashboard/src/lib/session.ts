import { type DomainName, rememberDomainNames } from "./i18n";
import { decodeToken, type TokenInfo } from "./jwt";

/** The signed-in user: kept in localStorage so a copied link opens in another tab too. */
export interface Session {
  token: string;
  info: TokenInfo;
  domains: string[];
  /**
   * The domains' Chinese and English names as the graph announced them at sign-in (Query.domains):
   * restored with the session, so a reloaded page labels a new domain by its name, not its id.
   */
  domainNames?: DomainName[];
  /** Default range (last four quarters with data), found once at sign-in. */
  range: { from: string; to: string } | null;
  /** The scope region's name, once a view has shown it (the reporting pages show it too). */
  scopeName?: string;
}

const KEY = "hsa.dashboard.session";

export function loadSession(): Session | null {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return null;
    const s = JSON.parse(raw) as Partial<Session>;
    if (typeof s.token !== "string" || !Array.isArray(s.domains)) return null;
    const info = decodeToken(s.token);
    if (!info || (info.exp !== null && info.exp * 1000 < Date.now())) return null;
    const domainNames = Array.isArray(s.domainNames)
      ? s.domainNames.filter(
          (d): d is DomainName =>
            typeof d?.name === "string" && typeof d.nameZh === "string" && typeof d.nameEn === "string",
        )
      : [];
    rememberDomainNames(domainNames);
    return {
      token: s.token,
      info,
      domains: s.domains,
      domainNames,
      range: s.range ?? null,
      ...(typeof s.scopeName === "string" ? { scopeName: s.scopeName } : {}),
    };
  } catch {
    return null;
  }
}

export function saveSession(s: Session | null): void {
  try {
    if (s) localStorage.setItem(KEY, JSON.stringify(s));
    else localStorage.removeItem(KEY);
  } catch {
    // storage unavailable (private mode): the session lives in memory only
  }
}
