/**
 * The PostgreSQL server binaries and how they are run: found (HSA_PG_BIN, Debian's layout, PATH), run
 * as an unprivileged user when we are root (initdb refuses root), and servers left running stopped
 * when the process exits.
 */
import { type ExecFileException, execFile, spawnSync } from "node:child_process";
import { accessSync, constants, readdirSync, realpathSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { delimiter, dirname, join } from "node:path";

const FALLBACK_USER = "hsa-test";
export const INSTALL_HINT =
  "Install PostgreSQL (Debian/Ubuntu: `apt-get install -y postgresql`) or set HSA_PG_BIN to the directory " +
  "containing initdb, pg_ctl and postgres.";

// ---------------------------------------------------------------------------
// binaries

export function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasServerBinaries(dir: string): boolean {
  return ["initdb", "pg_ctl", "postgres"].every((b) => isExecutable(join(dir, b)));
}

/**
 * Directory containing initdb / pg_ctl / postgres:
 * `$HSA_PG_BIN` if set, else the highest `/usr/lib/postgresql/<N>/bin`, else the directory of
 * `initdb` found on PATH (symlinks resolved). Returns null if nothing usable is found.
 */
export function findPostgresBin(): string | null {
  const fromEnv = process.env.HSA_PG_BIN;
  if (fromEnv) return fromEnv;

  const debianRoot = "/usr/lib/postgresql";
  try {
    const versions = readdirSync(debianRoot)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number.parseFloat(b) - Number.parseFloat(a));
    for (const v of versions) {
      const dir = join(debianRoot, v, "bin");
      if (hasServerBinaries(dir)) return dir;
    }
  } catch {
    // no Debian layout
  }

  for (const p of (process.env.PATH ?? "").split(delimiter)) {
    if (!p) continue;
    const candidate = join(p, "initdb");
    if (!isExecutable(candidate)) continue;
    for (const dir of [dirname(realpathSync(candidate)), p]) {
      if (hasServerBinaries(dir)) return dir;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------
// running commands (as an unprivileged user when we are root)

export interface RunAs {
  user: string;
  uid: number;
  gid: number;
  /** Prefix to wrap a command with so it runs as `user`; argv form. */
  wrap(cmd: string, args: string[]): [string, string[]];
}

function which(name: string): string | null {
  for (const p of (process.env.PATH ?? "/usr/sbin:/usr/bin:/sbin:/bin").split(delimiter)) {
    if (p && isExecutable(join(p, name))) return join(p, name);
  }
  for (const p of ["/usr/sbin", "/usr/bin", "/sbin", "/bin"]) {
    if (isExecutable(join(p, name))) return join(p, name);
  }
  return null;
}

function idOf(user: string, flag: "-u" | "-g"): number | null {
  const r = spawnSync("id", [flag, user], { encoding: "utf8" });
  if (r.status !== 0) return null;
  const n = Number.parseInt(r.stdout.trim(), 10);
  return Number.isFinite(n) ? n : null;
}

function shellQuote(s: string): string {
  return `'${s.replaceAll("'", "'\\''")}'`;
}

let cachedRunAs: RunAs | null | undefined;

/** null when not root (run commands directly). */
export function resolveRunAs(): RunAs | null {
  if (cachedRunAs !== undefined) return cachedRunAs;
  if (process.getuid?.() !== 0) {
    cachedRunAs = null;
    return null;
  }
  let user = "postgres";
  if (idOf(user, "-u") === null) {
    user = FALLBACK_USER;
    if (idOf(user, "-u") === null) {
      const r = spawnSync(which("useradd") ?? "useradd", ["--system", "--no-create-home", user], {
        encoding: "utf8",
      });
      if (r.status !== 0 && idOf(user, "-u") === null) {
        throw new Error(
          `Running as root and could not create unprivileged user "${user}" for PostgreSQL: ${r.stderr || r.error?.message}`,
        );
      }
    }
  }
  const uid = idOf(user, "-u");
  const gid = idOf(user, "-g");
  if (uid === null || gid === null) throw new Error(`Could not resolve uid/gid of user "${user}"`);

  const runuser = which("runuser");
  const setpriv = which("setpriv");
  let wrap: RunAs["wrap"];
  if (runuser) {
    wrap = (cmd, args) => [runuser, ["-u", user, "--", cmd, ...args]];
  } else if (setpriv) {
    wrap = (cmd, args) => [
      setpriv,
      [`--reuid=${uid}`, `--regid=${gid}`, "--init-groups", "--", cmd, ...args],
    ];
  } else {
    const su = which("su") ?? "su";
    wrap = (cmd, args) => [su, ["-s", "/bin/sh", user, "-c", [cmd, ...args].map(shellQuote).join(" ")]];
  }
  cachedRunAs = { user, uid, gid, wrap };
  return cachedRunAs;
}

export interface RunResult {
  ok: boolean;
  stdout: string;
  stderr: string;
  error: string;
}

export function run(
  runAs: RunAs | null,
  cmd: string,
  args: string[],
  cwd: string,
  timeoutMs: number,
): Promise<RunResult> {
  const [file, argv] = runAs ? runAs.wrap(cmd, args) : [cmd, args];
  return new Promise((resolve) => {
    execFile(
      file,
      argv,
      { cwd, timeout: timeoutMs, encoding: "utf8", maxBuffer: 16 * 1024 * 1024, env: childEnv() },
      (err: ExecFileException | null, stdout: string, stderr: string) => {
        resolve({ ok: !err, stdout, stderr, error: err ? err.message : "" });
      },
    );
  });
}

function runSync(runAs: RunAs | null, cmd: string, args: string[], cwd: string): void {
  const [file, argv] = runAs ? runAs.wrap(cmd, args) : [cmd, args];
  spawnSync(file, argv, { cwd, stdio: "ignore", timeout: 15_000, env: childEnv() });
}

function childEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  // Don't let the caller's libpq/PG settings leak into initdb/pg_ctl.
  for (const k of Object.keys(env)) if (k.startsWith("PG")) delete env[k];
  env.LC_ALL = "C.UTF-8";
  return env;
}

export function tail(text: string, lines = 30): string {
  return text.trimEnd().split("\n").slice(-lines).join("\n");
}

export async function readTail(path: string): Promise<string> {
  try {
    return tail(await readFile(path, "utf8"));
  } catch {
    return "(no log)";
  }
}

// ---------------------------------------------------------------------------
// crash safety: stop leftover servers on process exit

export interface Running {
  bin: string;
  root: string;
  dataDir: string;
  runAs: RunAs | null;
}

export const running = new Set<Running>();
let exitHandlerInstalled = false;

export function installExitHandler(): void {
  if (exitHandlerInstalled) return;
  exitHandlerInstalled = true;
  process.on("exit", () => {
    for (const r of running) {
      try {
        runSync(r.runAs, join(r.bin, "pg_ctl"), ["stop", "-D", r.dataDir, "-m", "immediate", "-w"], r.root);
      } catch {
        // best effort
      }
      try {
        rmSync(r.root, { recursive: true, force: true });
      } catch {
        // best effort
      }
    }
    running.clear();
  });
}
