// The app's frame: header (brand, user, language) and the page navigation by role.
import type { Messages } from "../lib/i18n";
import type { Page } from "../lib/urlState";

/** Which role each page is for (null: every signed-in user; admin may open every page; API tokens are for admins only). */
export const PAGE_ROLE: Record<Page, string | null> = {
  dashboard: null,
  entry: "reporter",
  import: "reporter",
  approvals: "approver",
  tokens: "admin",
  explorer: null,
  docs: null,
};

/**
 * The pages a user may open: the dashboard, 数据查询 and 接口文档 for all, data entry and import for
 * reporters, approvals for approvers, API tokens for admins.
 */
export function PageNav(props: { page: Page; roles: string[]; t: Messages; onPage: (page: Page) => void }) {
  const { t } = props;
  const may = (p: Page) => {
    const role = PAGE_ROLE[p];
    return role === null || props.roles.includes("admin") || props.roles.includes(role);
  };
  const pages: [Page, string][] = [
    ["dashboard", t.navDashboard],
    ["entry", t.navEntry],
    ["import", t.navImport],
    ["approvals", t.navApprovals],
    ["explorer", t.navExplorer],
    ["docs", t.navDocs],
    ["tokens", t.navTokens],
  ];
  // A reporting page opened by link stays in the list (it says which role it needs); API tokens never show to a non-admin.
  const shown = pages.filter(([p]) => may(p) || (p === props.page && p !== "tokens"));
  if (shown.length < 2) return null;
  return (
    <nav className="page-nav" data-testid="page-nav">
      {shown.map(([p, label]) => (
        <button
          key={p}
          type="button"
          className="page-nav-item"
          aria-current={p === props.page ? "page" : undefined}
          onClick={() => props.onPage(p)}
          data-testid={`nav-${p}`}
        >
          {label}
        </button>
      ))}
    </nav>
  );
}

export function Shell(props: {
  t: Messages;
  lang: "zh" | "en";
  onLang: () => void;
  user?: React.ReactNode;
  children: React.ReactNode;
}) {
  return (
    <div className="app">
      <header className="top">
        <div className="brand">
          <span className="logo" aria-hidden="true">
            医
          </span>
          <div>
            <div className="title">{props.t.appTitle}</div>
            <div className="subtitle">{props.t.appSubtitle}</div>
          </div>
        </div>
        {props.user}
        <button type="button" className="lang" onClick={props.onLang} data-testid="lang-switch">
          {props.t.language}
        </button>
      </header>
      <main className="content">{props.children}</main>
    </div>
  );
}
