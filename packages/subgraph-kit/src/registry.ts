import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type DocumentNode, print } from "graphql";
import { parse } from "yaml";

/**
 * The subgraph registry (`supergraph.yaml` at the repository root, in the shape of Apollo Rover's
 * supergraph config): the one list of subgraphs the gateway, `npm start`, the import CLI and
 * `Query.domains` read. See the file's own comments.
 */
export interface RegistryImportKind {
  kind: string;
  zh: string;
  en: string;
}

export interface RegistryEntry {
  /** Federation name, also the domain prefix of its KPI fields (`<name>Kpis`). */
  name: string;
  /** The URL the gateway routes to: `urlEnv` when set, else `defaultUrl`. */
  routingUrl: string;
  defaultUrl: string;
  /** The variable overriding the URL, e.g. ENROLLMENT_URL. */
  urlEnv: string;
  /** Default port (from the default URL) and the variable overriding it. */
  port: number;
  portEnv: string;
  /** Absolute path of the subgraph's SDL file (written by `npm run compose`). */
  schemaFile: string;
  /** npm package and export of its SubgraphModule (for `npm start`). */
  package: string;
  export: string;
  nameZh: string;
  nameEn: string;
  imports: RegistryImportKind[];
}

export interface Registry {
  path: string;
  federationVersion: string;
  subgraphs: RegistryEntry[];
}

/** The registry next to the workspace root (HSA_REGISTRY overrides). */
export function registryPath(env: NodeJS.ProcessEnv = process.env): string {
  if (env.HSA_REGISTRY) return resolve(env.HSA_REGISTRY);
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = resolve(dir, "supergraph.yaml");
    if (existsSync(resolve(dir, "pnpm-workspace.yaml")) && existsSync(candidate)) return candidate;
    const up = dirname(dir);
    if (up === dir)
      throw new Error("supergraph.yaml not found above packages/subgraph-kit (set HSA_REGISTRY)");
    dir = up;
  }
}

const ENV_URL = /^\$\{env\.([A-Z][A-Z0-9_]*)(?::-(.+))?\}$/;

function fail(path: string, what: string): never {
  throw new Error(`${path}: ${what}`);
}

function text(path: string, v: unknown, where: string): string {
  if (typeof v !== "string" || v.trim() === "") fail(path, `${where} must be a non-empty string`);
  return v;
}

/**
 * The YAML of the last registry text parsed (read-only here): the registry is read by every
 * subgraph's schema, the gateway and npm start, ≈10 times per start at ≈15 ms a parse.
 */
let lastParsed: { source: string; doc: Record<string, unknown> | null } | undefined;
function parseYamlOnce(source: string): Record<string, unknown> | null {
  if (lastParsed?.source !== source)
    lastParsed = { source, doc: parse(source) as Record<string, unknown> | null };
  return lastParsed.doc;
}

/** Parses a registry file; a clear error naming the entry and key when something is missing. */
export function parseRegistry(source: string, path: string, env: NodeJS.ProcessEnv = process.env): Registry {
  const doc = parseYamlOnce(source);
  if (!doc || typeof doc !== "object") fail(path, "not a YAML mapping");
  const subgraphs = doc.subgraphs as Record<string, Record<string, unknown>> | undefined;
  if (!subgraphs || typeof subgraphs !== "object") fail(path, "no `subgraphs` mapping");
  const base = dirname(path);
  const entries: RegistryEntry[] = [];
  for (const [name, raw] of Object.entries(subgraphs)) {
    if (!/^[a-z][a-zA-Z0-9]*$/.test(name))
      fail(path, `subgraph name "${name}" must be lowerCamelCase letters and digits`);
    const routing = text(path, raw?.routing_url, `${name}.routing_url`);
    const m = ENV_URL.exec(routing);
    const urlEnv = m?.[1] ?? `${name.toUpperCase()}_URL`;
    const defaultUrl = m ? text(path, m[2], `${name}.routing_url default`) : routing;
    const schema = raw?.schema as Record<string, unknown> | undefined;
    const file = text(path, schema?.file, `${name}.schema.file`);
    const hsa = raw?.hsa as Record<string, unknown> | undefined;
    if (!hsa) fail(path, `${name}.hsa is missing`);
    const imports = (hsa.imports ?? {}) as Record<string, { zh?: unknown; en?: unknown }>;
    let port: number;
    try {
      port = Number(new URL(defaultUrl).port);
    } catch {
      fail(path, `${name}.routing_url default "${defaultUrl}" is not a URL`);
    }
    if (!Number.isInteger(port) || port <= 0)
      fail(path, `${name}.routing_url default needs an explicit port`);
    entries.push({
      name,
      routingUrl: env[urlEnv] || defaultUrl,
      defaultUrl,
      urlEnv,
      port,
      portEnv: text(path, hsa.port_env, `${name}.hsa.port_env`),
      schemaFile: resolve(base, file),
      package: text(path, hsa.package, `${name}.hsa.package`),
      export: text(path, hsa.export, `${name}.hsa.export`),
      nameZh: text(path, hsa.name_zh, `${name}.hsa.name_zh`),
      nameEn: text(path, hsa.name_en, `${name}.hsa.name_en`),
      imports: Object.entries(imports).map(([kind, d]) => ({
        kind,
        zh: text(path, d?.zh, `${name}.hsa.imports.${kind}.zh`),
        en: text(path, d?.en, `${name}.hsa.imports.${kind}.en`),
      })),
    });
  }
  const kinds = entries.flatMap((e) => e.imports.map((i) => i.kind));
  const dup = kinds.find((k, i) => kinds.indexOf(k) !== i);
  if (dup) fail(path, `import kind "${dup}" is declared twice`);
  return { path, federationVersion: String(doc.federation_version ?? "2"), subgraphs: entries };
}

/** Reads the registry (see {@link registryPath}). */
export function readRegistry(env: NodeJS.ProcessEnv = process.env): Registry {
  const path = registryPath(env);
  return parseRegistry(readFileSync(path, "utf8"), path, env);
}

/**
 * The Chinese name of a domain (`hsa.name_zh` in the registry), for SDL descriptions; the domain
 * name itself when the registry does not list it or cannot be read (a test schema, say).
 */
export function domainNameZh(domain: string, env: NodeJS.ProcessEnv = process.env): string {
  try {
    return readRegistry(env).subgraphs.find((s) => s.name === domain)?.nameZh ?? domain;
  } catch {
    return domain;
  }
}

/** Import kind → the subgraph that owns it. */
export function importKindOwners(registry: Registry): Record<string, string> {
  return Object.fromEntries(registry.subgraphs.flatMap((s) => s.imports.map((i) => [i.kind, s.name])));
}

/** The SDL and shared resolvers of `Query.domains` (served alike by every subgraph). */
export const domainsSDL = `
"图中的业务领域（一个子图）：名称、中英文标签、指标字段和 CSV 导入类型。A domain of the graph (one subgraph): its name, labels, KPI fields and CSV import kinds."
type Domain @shareable {
  "领域名（联邦子图名），也是指标字段前缀，如 enrollment → Region.enrollmentKpis。Federation name and KPI field prefix, e.g. enrollment → Region.enrollmentKpis."
  name: String!
  "领域中文名，如 参保。Chinese name of the domain."
  nameZh: String!
  "领域英文名，如 Enrollment。English name of the domain."
  nameEn: String!
  "区域（Region）上的指标字段名，如 enrollmentKpis。The KPI field of Region, e.g. enrollmentKpis."
  kpiField: String!
  "查询（Query）上的指标目录字段名，如 enrollmentMetrics。The metric catalogue field of Query, e.g. enrollmentMetrics."
  metricsField: String!
  "本领域可导入的 CSV 类型（POST /import/<kind>）。CSV import kinds this domain accepts at POST /import/<kind>."
  importKinds: [ImportKind!]!
}

"CSV 导入类型。A CSV import kind."
type ImportKind @shareable {
  "导入类型标识，用于 POST /import/<kind>。Import kind id, as in POST /import/<kind>."
  kind: String!
  "导入类型中文名。Chinese name of the import kind."
  nameZh: String!
  "导入类型英文名。English name of the import kind."
  nameEn: String!
}

extend type Query {
  "图中的全部业务领域，来自子图注册表（关闭内省时也可用）。Every domain of the graph, from the subgraph registry (works with introspection off)."
  domains: [Domain!]! @shareable
}
`;

export function domainsResolvers(registry: Registry) {
  const domains = registry.subgraphs.map((s) => ({
    name: s.name,
    nameZh: s.nameZh,
    nameEn: s.nameEn,
    kpiField: `${s.name}Kpis`,
    metricsField: `${s.name}Metrics`,
    importKinds: s.imports.map((i) => ({ kind: i.kind, nameZh: i.zh, nameEn: i.en })),
  }));
  return { Query: { domains: () => domains } };
}

/** The text of a subgraph's SDL file in the registry (what `npm run compose` writes). */
export function subgraphSdlFileText(typeDefs: DocumentNode, packageName: string): string {
  return `# Generated by \`npm run compose\` from ${packageName}. Do not edit.\n${print(typeDefs)}\n`;
}
