// The architecture's boundaries (DESIGN §2–3), checked by `npm run lint` (dependency-cruiser).
// Each rule names what must never import what; README "Boundaries" explains why.
// Paths are resolved through the workspace links, so `@hsa/procurement` is apps/procurement/…; an
// import a package cannot resolve (no dependency declared) keeps its name, so both forms are matched.
const SUBGRAPHS = "(enrollment|procurement|payment-reform|supervision|fund)";
const SUBGRAPH = `^(apps|@hsa)/${SUBGRAPHS}(/|$)`;

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "subgraph-imports-subgraph",
      comment:
        "A subgraph never imports another subgraph: each is developed, tested and deployed alone. " +
        "Share code through packages/ (kpi, reporting, subgraph-kit), data through the federated graph.",
      severity: "error",
      from: { path: `^apps/${SUBGRAPHS}/` },
      to: { path: SUBGRAPH, pathNot: "^(apps|@hsa)/$1(/|$)" },
    },
    {
      name: "gateway-imports-subgraph",
      comment:
        "The gateway composes the subgraphs' SDL files listed in the registry (supergraph.yaml); " +
        "it never loads a subgraph's code. Tests that start subgraphs live in tests/system.",
      severity: "error",
      from: { path: "^apps/gateway/" },
      to: { path: SUBGRAPH },
    },
    {
      name: "dashboard-imports-server-code",
      comment:
        "The dashboard's browser code (apps/dashboard/src) talks to the graph over HTTP only: no " +
        "database, server kit, subgraph, gateway or the dashboard's own Node server.",
      severity: "error",
      from: { path: "^apps/dashboard/src/" },
      to: {
        path: [
          SUBGRAPH,
          "^(apps/gateway/|@hsa/gateway(/|$))",
          "^apps/dashboard/server/",
          "^(packages|@hsa)/(db|subgraph-kit|reporting|test-kit|demo-data)(/|$)",
        ],
      },
    },
    {
      name: "dashboard-imports-node",
      comment: "apps/dashboard/src runs in the browser: no node: modules.",
      severity: "error",
      from: { path: "^apps/dashboard/src/" },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "shared-model-imports-server-kit",
      comment:
        "regions, periods and kpi are the shared model, usable by the dashboard and any client: " +
        "they import no server kit (subgraph-kit, db, reporting).",
      severity: "error",
      from: { path: "^packages/(regions|periods|kpi)/" },
      to: { path: "^(packages|@hsa)/(subgraph-kit|db|reporting)(/|$)" },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "(^|/)(node_modules|dist|\\.data|bench-results)/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.base.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".tsx", ".js", ".mjs", ".cjs", ".json"],
      mainFields: ["module", "main", "types", "typings"],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
