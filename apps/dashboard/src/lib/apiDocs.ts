/**
 * The API guide (docs/api.md), bundled at build time, and its worked examples: each ```graphql
 * block under a "### " heading, so the 接口文档 page can open it in 数据查询.
 */
import { Marked, type Tokens } from "marked";
import apiGuide from "../../../../docs/api.md?raw";

export interface WorkedExample {
  /** "4.1 本市某区间的指标 / A city's KPIs for a range" */
  title: string;
  query: string;
}

export const API_GUIDE: string = apiGuide;

/** The worked examples of a guide, in order (the GraphQL ones: a CSV import is not a query). */
export function workedExamples(markdown: string = API_GUIDE): WorkedExample[] {
  const out: WorkedExample[] = [];
  let heading = "";
  for (const token of new Marked().lexer(markdown)) {
    if (token.type === "heading") heading = (token as Tokens.Heading).text;
    else if (token.type === "code" && (token as Tokens.Code).lang === "graphql")
      out.push({ title: heading, query: `${(token as Tokens.Code).text}\n` });
  }
  return out;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

/**
 * The guide as HTML. It is our own file, bundled at build time (not user input), so its HTML is
 * trusted; every GraphQL block gets a link (`href` from `exampleHref`) that opens it in 数据查询.
 */
export function guideHtml(
  markdown: string,
  exampleHref: (query: string) => string,
  openLabel: string,
): string {
  let n = 0;
  const marked = new Marked({
    gfm: true,
    renderer: {
      code({ text, lang }: Tokens.Code) {
        const pre = `<pre><code${lang ? ` class="language-${escapeHtml(lang)}"` : ""}>${escapeHtml(text)}\n</code></pre>`;
        if (lang !== "graphql") return pre;
        const i = n++;
        return `${pre}<p><a class="example-link" data-example="${i}" data-testid="docs-example-${i}" href="${escapeHtml(exampleHref(`${text}\n`))}">${escapeHtml(openLabel)} →</a></p>`;
      },
    },
  });
  return marked.parse(markdown, { async: false });
}
