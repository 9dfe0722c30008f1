/** The 数据查询 / query explorer and 接口文档 / API guide pages' words (spread into i18n.ts). */
export const EXPLORER_ZH = {
  navExplorer: "数据查询",
  navDocs: "接口文档",
  exTitle: "数据查询",
  exIntro:
    "用 GraphQL 直接查询本地区的数据（使用当前登录用户的令牌，只返回本地区及下级的数据）。查询和变量保存在网址中，复制链接即可分享同一查询。",
  exCopyLink: "复制链接",
  exCopied: "链接已复制",
  exCopyFailed: "无法写入剪贴板，请手动复制地址栏中的链接",
  exCsv: "下载 CSV",
  exXlsx: "下载 Excel (.xlsx)",
  exNoList: "结果中没有列表，无法下载表格",
  exRows: "行",
  exLoading: "正在加载查询编辑器…",
  exAdHocRefused:
    "生产环境只接受仪表盘登记过的查询（持久化查询）；自定义查询仅对“分析”（analyst）角色开放。请联系本地区管理员在“接口令牌”中为您签发带 analyst 角色的令牌，或使用“接口文档”中的示例脚本。",
  exRefusedNow: "网关拒绝了这个查询：",
  exNoSchema: "网关未提供 schema（生产环境关闭自省）：自动补全和字段说明不可用，字段说明见“接口文档”。",
  exMutationRefused:
    "数据查询只用于查询，不发送修改数据的操作（mutation）：填报、审核请使用“数据填报”和“审核”页面。这样，别人发来的链接也不会以您的身份修改数据。",
  docsTitle: "接口文档",
  docsOpen: "在数据查询中打开",
};

export const EXPLORER_EN: typeof EXPLORER_ZH = {
  navExplorer: "Query explorer",
  exMutationRefused:
    "The query explorer only reads: it does not send operations that change data (mutations). Report and approve on the data-entry and approval pages, so that a link someone sends you can never change data in your name.",
  navDocs: "API guide",
  exTitle: "Query explorer",
  exIntro:
    "Query your region's data with GraphQL (with the signed-in user's token: only your region and the regions below it). The query and variables live in the address, so a copied link opens the same query.",
  exCopyLink: "Copy link",
  exCopied: "Link copied",
  exCopyFailed: "The clipboard is not available: copy the link from the address bar",
  exCsv: "Download CSV",
  exXlsx: "Download Excel (.xlsx)",
  exNoList: "The result holds no list: nothing to download as a table",
  exRows: "rows",
  exLoading: "Loading the query editor…",
  exAdHocRefused:
    "In production the gateway only accepts the dashboard's registered (persisted) queries; ad-hoc queries are for the analyst role. Ask your region's administrator for a token with the analyst role (API tokens page), or use the scripts of the API guide.",
  exRefusedNow: "The gateway refused this query: ",
  exNoSchema:
    "The gateway does not publish its schema (introspection is off in production): no completion or field help here; see the API guide.",
  docsTitle: "API guide",
  docsOpen: "Open in the query explorer",
};
