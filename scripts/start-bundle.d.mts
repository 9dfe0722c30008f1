// Types of scripts/start-bundle.mjs (plain JavaScript, read by scripts/run.mjs without tsx).
export declare const BUNDLE_FORMAT: number;
export declare const EXTRA_INPUTS: readonly string[];
export declare function bundlePaths(root: string): { dir: string; bundle: string; inputs: string };
export declare function staleReason(root: string): string | null;
