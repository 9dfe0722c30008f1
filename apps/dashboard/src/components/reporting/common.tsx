import type { Lang } from "../../lib/format";
import type { Messages } from "../../lib/i18n";
import type { TokenInfo } from "../../lib/jwt";
import type { ReportStatus } from "../../lib/reporting";
import type { ViewState } from "../../lib/urlState";

/** What every reporting page gets from the app shell. */
export interface PageProps {
  token: string;
  info: TokenInfo;
  domains: string[];
  view: ViewState;
  lang: Lang;
  t: Messages;
  navigate: (patch: Partial<ViewState>, push?: boolean) => void;
  /** true when the error signed the user out (expired session) */
  onAuthError: (err: unknown) => boolean;
  /** A page that read a region's name tells the shell (it shows the scope's name). */
  onRegionName: (code: string, name: string) => void;
}

const COLORS: Record<ReportStatus, string> = {
  DRAFT: "#8a94a6",
  SUBMITTED: "#b7791f",
  APPROVED: "#1a7f37",
};

export function StatusBadge(props: { status: ReportStatus; t: Messages; testId?: string }) {
  return (
    <span
      className="badge"
      style={{ background: COLORS[props.status] }}
      data-status={props.status}
      data-testid={props.testId}
    >
      {props.t[`status${props.status}`]}
    </span>
  );
}

/** "{n} errors" with the numbers filled in. */
export function fill(text: string, values: Record<string, string | number>): string {
  return text.replace(/\{(\w+)\}/g, (_, k: string) => String(values[k] ?? ""));
}
