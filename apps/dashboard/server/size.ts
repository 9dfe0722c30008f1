// What the first view ships: the entry script, its modulepreloads and stylesheets, gzipped.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { DIST_DIR } from "./index";

export interface AssetSize {
  file: string;
  bytes: number;
  gzip: number;
}

export interface FirstViewSize {
  js: AssetSize[];
  css: AssetSize[];
  jsGzip: number;
  cssGzip: number;
  /** Chunks loaded later (e.g. the KPI detail with ECharts). */
  lazy: AssetSize[];
}

async function size(file: string): Promise<AssetSize> {
  const buf = await readFile(join(DIST_DIR, file));
  return { file, bytes: buf.length, gzip: gzipSync(buf, { level: 9 }).length };
}

export async function firstViewSize(): Promise<FirstViewSize> {
  const html = await readFile(join(DIST_DIR, "index.html"), "utf8");
  const attr = (tag: string, name: string) => new RegExp(`${name}="([^"]+)"`).exec(tag)?.[1];
  const tags = html.match(/<(script|link)\b[^>]*>/g) ?? [];
  const jsFiles = new Set<string>();
  const cssFiles = new Set<string>();
  for (const tag of tags) {
    if (tag.startsWith("<script")) {
      const src = attr(tag, "src");
      if (src) jsFiles.add(src.replace(/^\//, ""));
    } else {
      const rel = attr(tag, "rel");
      const href = attr(tag, "href");
      if (!href) continue;
      if (rel === "modulepreload") jsFiles.add(href.replace(/^\//, ""));
      if (rel === "stylesheet") cssFiles.add(href.replace(/^\//, ""));
    }
  }
  const js = await Promise.all([...jsFiles].map(size));
  const css = await Promise.all([...cssFiles].map(size));
  const { readdir } = await import("node:fs/promises");
  const all = (await readdir(join(DIST_DIR, "assets"))).map((f) => `assets/${f}`);
  const lazy = await Promise.all(all.filter((f) => f.endsWith(".js") && !jsFiles.has(f)).map(size));
  return {
    js,
    css,
    lazy,
    jsGzip: js.reduce((n, a) => n + a.gzip, 0),
    cssGzip: css.reduce((n, a) => n + a.gzip, 0),
  };
}

export const kB = (n: number) => `${(n / 1000).toFixed(1)} kB`;
