// 接口文档 / the API guide: docs/api.md, bundled at build time, with a link per worked example
// that opens it in 数据查询 (a chunk of its own, loaded when the page is opened).
import { useMemo } from "react";
import { API_GUIDE, guideHtml, workedExamples } from "../lib/apiDocs";
import { serializeView } from "../lib/urlState";
import type { PageProps } from "./reporting/common";

export default function ApiDocs(props: PageProps) {
  const { view, navigate, t } = props;
  const examples = useMemo(() => workedExamples(API_GUIDE), []);
  const html = useMemo(
    () =>
      guideHtml(
        API_GUIDE,
        (query) => serializeView({ ...view, page: "explorer", query, variables: null }) || "?",
        t.docsOpen,
      ),
    [view, t.docsOpen],
  );
  // A plain click stays in the app (no reload); a middle click or "open in new tab" follows the href.
  const onClick = (e: React.MouseEvent<HTMLDivElement>) => {
    const a = (e.target as HTMLElement).closest("a[data-example]");
    if (!a || e.button !== 0 || e.ctrlKey || e.metaKey || e.shiftKey) return;
    const example = examples[Number(a.getAttribute("data-example"))];
    if (!example) return;
    e.preventDefault();
    navigate({ page: "explorer", query: example.query, variables: null });
  };
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: delegates the links' own clicks (Enter on a link is a click too)
    <article
      className="card api-docs"
      data-testid="api-docs"
      onClick={onClick}
      // biome-ignore lint/security/noDangerouslySetInnerHtml: our own docs/api.md, bundled at build time
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
