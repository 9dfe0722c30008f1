// Serves the dashboard's production build and proxies /graphql and /demo/users to the gateway,
// so the browser only ever talks to its own origin (no CORS). Plain node:http, no dependency.
import { createReadStream } from "node:fs";
import { readdir, readFile, rename, rm, stat } from "node:fs/promises";
import { createServer, type IncomingMessage, request, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

export const APP_DIR = fileURLToPath(new URL("..", import.meta.url));
export const DIST_DIR = join(APP_DIR, "dist");
export const DEFAULT_DASHBOARD_PORT = 5173;

export interface DashboardOptions {
  port: number;
  host?: string;
  /** e.g. "http://127.0.0.1:4000" (a trailing /graphql is ignored). */
  gatewayOrigin: string;
  /** Build even when dist/ looks fresh. */
  forceBuild?: boolean;
  /** Progress lines (default: stderr). */
  say?: (line: string) => void;
}

/** Shaped like subgraph-kit's RunningService, so scripts/start.ts can stop it with the others. */
export interface RunningDashboard {
  name: "dashboard";
  url: string;
  port: number;
  stop(): Promise<void>;
}

/** API tokens for scripts (the 接口令牌 page): issue, list, revoke — not /auth/revoked (subgraphs'). */
const PROXIED = ["/graphql", "/demo/users", "/auth/tokens", "/auth/tokens/revoke"];
/** CSV imports (POST /import/<kind>): the upload and the NDJSON progress stream both ways. */
const IMPORT_PREFIX = "/import/";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json; charset=utf-8",
  ".woff2": "font/woff2",
  ".ttf": "font/ttf",
};

async function newestMtime(path: string): Promise<number> {
  const s = await stat(path).catch(() => null);
  if (!s) return 0;
  if (!s.isDirectory()) return s.mtimeMs;
  const entries = await readdir(path);
  const times = await Promise.all(entries.map((e) => newestMtime(join(path, e))));
  return Math.max(s.mtimeMs, ...times);
}

/** True when dist/ is missing or older than the sources (src/, index.html, vite.config.ts). */
export async function needsBuild(): Promise<boolean> {
  const built = await stat(join(DIST_DIR, "index.html")).catch(() => null);
  if (!built) return true;
  const sources = await Promise.all(
    // docs/api.md is bundled into the 接口文档 page (`?raw`).
    ["src", "index.html", "vite.config.ts", "package.json", "../../docs/api.md"].map((p) =>
      newestMtime(join(APP_DIR, p)),
    ),
  );
  return Math.max(...sources) > built.mtimeMs;
}

let building: Promise<void> | null = null;

/**
 * Builds the production bundle with vite's build() API into a temporary folder, then swaps it in,
 * so two processes starting at once (tests, `npm start`) never serve a half-written dist/.
 */
export function buildDashboard(say: (line: string) => void = defaultSay): Promise<void> {
  building ??= (async () => {
    const started = performance.now();
    say("building the dashboard (vite build)…");
    const { build } = await import("vite");
    const tmp = `${DIST_DIR}.tmp-${process.pid}-${Date.now()}`;
    try {
      await build({
        root: APP_DIR,
        configFile: join(APP_DIR, "vite.config.ts"),
        logLevel: "warn",
        build: { outDir: tmp, emptyOutDir: true },
      });
      const old = `${DIST_DIR}.old-${process.pid}-${Date.now()}`;
      await rename(DIST_DIR, old).catch(() => {});
      await rename(tmp, DIST_DIR);
      await rm(old, { recursive: true, force: true });
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
    say(`dashboard built in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  })().finally(() => {
    building = null;
  });
  return building;
}

function defaultSay(line: string): void {
  process.stderr.write(`[dashboard] ${line}\n`);
}

function proxy(req: IncomingMessage, res: ServerResponse, gateway: URL): void {
  const target = new URL(req.url ?? "/", gateway);
  const headers = { ...req.headers, host: target.host };
  // The browser talks to our origin; the gateway sees a same-origin request from us.
  delete headers.origin;
  delete headers.referer;
  const upstream = request(target, { method: req.method, headers }, (up) => {
    res.writeHead(up.statusCode ?? 502, up.headers);
    // Streamed answers (an import's NDJSON progress) are passed on line by line, unbuffered.
    res.flushHeaders();
    up.pipe(res);
  });
  // A browser that goes away (cancelled import) cancels the upstream request too.
  res.on("close", () => {
    if (!res.writableFinished) upstream.destroy();
  });
  upstream.on("error", (err) => {
    if (res.headersSent) {
      res.destroy(err);
      return;
    }
    res.writeHead(502, { "content-type": "application/json" });
    res.end(
      JSON.stringify({
        errors: [
          { message: `gateway unreachable: ${err.message}`, extensions: { code: "GATEWAY_UNREACHABLE" } },
        ],
      }),
    );
  });
  req.pipe(upstream);
}

/**
 * The decoded path of a request target, or null when it cannot be one (a malformed %-escape).
 * Parsed against a fixed origin only after folding leading slashes: `//?x` would otherwise be read
 * as a URL with an empty host and throw.
 */
export function requestPath(url: string | undefined): string | null {
  const raw = (url ?? "/").split("?")[0]?.split("#")[0] ?? "/";
  const folded = `/${raw.replace(/^\/+/, "")}`;
  try {
    return decodeURIComponent(new URL(folded, "http://x").pathname);
  } catch {
    return null;
  }
}

async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
  if (req.method !== "GET" && req.method !== "HEAD") {
    res.writeHead(405, { allow: "GET, HEAD" });
    res.end();
    return;
  }
  const pathname = requestPath(req.url);
  if (pathname === null) {
    res.writeHead(400, { "content-type": "text/plain; charset=utf-8" });
    res.end("bad request path");
    return;
  }
  let file = normalize(join(DIST_DIR, pathname));
  if (!file.startsWith(resolve(DIST_DIR) + sep) && file !== resolve(DIST_DIR)) {
    res.writeHead(403);
    res.end();
    return;
  }
  let s = await stat(file).catch(() => null);
  if (!s || s.isDirectory()) {
    // Single-page app: every unknown path gets index.html (the view state lives in the query).
    file = join(DIST_DIR, "index.html");
    s = await stat(file).catch(() => null);
  }
  if (!s) {
    res.writeHead(404, { "content-type": "text/plain; charset=utf-8" });
    res.end("dashboard not built");
    return;
  }
  const isHtml = file.endsWith(".html");
  res.writeHead(200, {
    "content-type": TYPES[extname(file)] ?? "application/octet-stream",
    "content-length": s.size,
    // Hashed assets are immutable; index.html is always revalidated.
    "cache-control": isHtml ? "no-cache" : "public, max-age=31536000, immutable",
    "x-content-type-options": "nosniff",
    ...(isHtml
      ? {
          // The token lives in localStorage: no third-party script or connection may run here.
          "content-security-policy":
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; worker-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
          "x-frame-options": "DENY",
          "referrer-policy": "same-origin",
        }
      : {}),
  });
  if (req.method === "HEAD") {
    res.end();
    return;
  }
  createReadStream(file).pipe(res);
}

/** Builds if needed, then serves dist/ and proxies /graphql, /demo/users, /auth/tokens and imports to the gateway. */
export async function startDashboard(opts: DashboardOptions): Promise<RunningDashboard> {
  const say = opts.say ?? defaultSay;
  if (opts.forceBuild || (await needsBuild())) await buildDashboard(say);
  const gateway = new URL(opts.gatewayOrigin);
  gateway.pathname = "/";
  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0] ?? "/";
    if (PROXIED.includes(path) || (path.startsWith(IMPORT_PREFIX) && req.method === "POST")) {
      proxy(req, res, gateway);
      return;
    }
    if (path === "/health") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end('{"status":"ok"}');
      return;
    }
    serveStatic(req, res).catch((err: unknown) => {
      if (!res.headersSent) res.writeHead(500);
      res.end(String(err));
    });
  });
  const host = opts.host ?? "127.0.0.1";
  await new Promise<void>((ok, fail) => {
    server.once("error", fail);
    server.listen(opts.port, host, () => {
      server.off("error", fail);
      ok();
    });
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}/`;
  return {
    name: "dashboard",
    url,
    port,
    stop: () =>
      new Promise<void>((ok, fail) => {
        server.close((err) => (err ? fail(err) : ok()));
        server.closeAllConnections();
      }),
  };
}

/** Reads the built index.html (for size reports). */
export async function readIndexHtml(): Promise<string> {
  return readFile(join(DIST_DIR, "index.html"), "utf8");
}
