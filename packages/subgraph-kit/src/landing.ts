import type { ApolloServerPlugin, BaseContext } from "@apollo/server";

/**
 * The page a browser gets at GET /graphql, instead of Apollo's default landing page, which loads
 * its IDE from Apollo's CDN and a font from Google Fonts — neither reachable from a government
 * network without internet. Self-contained: inline styles, no script, no image, no link to any
 * other host than the ones configured here (the dashboard's query explorer).
 */
export interface LandingPageOptions {
  /** e.g. "HSA Graph 网关 / gateway", "HSA Graph 子图 enrollment" */
  title: string;
  /** Where the query explorer is (the dashboard's 数据查询 page), if known. */
  explorerUrl?: string;
  /** One line on what this endpoint is for. */
  descriptionZh: string;
  descriptionEn: string;
}

const escapeHtml = (s: string) =>
  s.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c,
  );

export function landingPageHtml(opts: LandingPageOptions): string {
  const explorer = opts.explorerUrl
    ? `<p>查询浏览器（数据查询）/ Query explorer: <a href="${escapeHtml(opts.explorerUrl)}">${escapeHtml(opts.explorerUrl)}</a></p>`
    : `<p>查询浏览器在仪表盘的“数据查询”页面。/ The query explorer is the dashboard's “数据查询” page.</p>`;
  return `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(opts.title)}</title>
<style>body{font-family:system-ui,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;max-width:46rem;margin:2rem auto;padding:0 1rem;line-height:1.6;color:#1f2937}code,pre{font-family:ui-monospace,Consolas,monospace;background:#f3f4f6;padding:.1rem .3rem;border-radius:3px}pre{padding:.75rem;overflow-x:auto}h1{font-size:1.4rem}</style>
</head><body>
<h1>${escapeHtml(opts.title)}</h1>
<p>${escapeHtml(opts.descriptionZh)}<br>${escapeHtml(opts.descriptionEn)}</p>
${explorer}
<p>这是 GraphQL 接口：请用 POST 发送查询，并带上令牌（<code>Authorization: Bearer …</code>）。<br>
This is a GraphQL endpoint: POST a query with a bearer token.</p>
<pre>curl -s -X POST -H 'content-type: application/json' -H "authorization: Bearer $HSA_TOKEN" \\
  --data '{"query":"{ region(code: \\"150700\\") { name } }"}' &lt;this address&gt;</pre>
<p>健康检查 / Health: <code>/health</code>, <code>/ready</code></p>
</body></html>`;
}

/** An Apollo plugin serving {@link landingPageHtml} at GET with Accept: text/html. */
export function localLandingPagePlugin<C extends BaseContext>(
  opts: LandingPageOptions,
): ApolloServerPlugin<C> {
  const html = landingPageHtml(opts);
  return {
    async serverWillStart() {
      return {
        async renderLandingPage() {
          return { html };
        },
      };
    },
  };
}
