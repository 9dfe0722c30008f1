// Types of scripts/start-bundle.mjs (plain JavaScript, read by scripts/run.mjs without tsx).
export declare const BUNDLE_FORMAT: number;
export declare const INSTALL_MARKER: string;
export declare function installStamp(root: string): string;
export declare const EXTRA_INPUTS: readonly string[];
export declare function bundlePaths(root: string): { dir: string; inputs: string };
export declare function contentHash(contents: string | Buffer): string;
export declare function freshBundle(root: string): { bundle: string } | { reason: string };
