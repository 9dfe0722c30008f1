/** A stop request's signal: Ctrl-C's SIGINT, a process manager's SIGTERM, a closed terminal's SIGHUP. */
export type StopSignal = "SIGINT" | "SIGTERM" | "SIGHUP";

export interface StopSignalOptions {
  /** Where the "stopping…" lines go (default: stderr). */
  say?: (message: string) => void;
  /** Repeats of a stop request within this time are the same request (default 2 s). */
  repeatMs?: number;
}

/**
 * Stops a server process gracefully on SIGINT, SIGTERM and SIGHUP: `stop` runs once (closing servers and
 * the database), then the process exits with 0, or 1 when `stop` failed. A repeat within
 * `repeatMs` is the same request: a SIGTERM to a whole process group (systemd's default,
 * `kill -- -PGID`) reaches this process and its launcher, which may forward it. A signal after that
 * (a second Ctrl-C) exits at once, leaving an embedded database to be recovered on the next start.
 * Install it before announcing readiness: a process manager may signal as soon as it reads that.
 * Returns a function that removes the handlers.
 */
export function onStopSignals(
  stop: (signal: StopSignal) => Promise<void>,
  opts: StopSignalOptions = {},
): () => void {
  const say = opts.say ?? ((m: string) => process.stderr.write(`${m}\n`));
  const repeatMs = opts.repeatMs ?? 2000;
  let stoppingSince = 0;
  const handler = (signal: StopSignal) => {
    if (stoppingSince) {
      if (Date.now() - stoppingSince < repeatMs) return;
      say(`${signal} again: exiting before the database is closed (the next start recovers it)`);
      process.exit(1);
    }
    stoppingSince = Date.now();
    say(
      `${signal}: stopping… (closing the database; ${signal === "SIGINT" ? "Ctrl-C" : signal} again exits at once)`,
    );
    stop(signal).then(
      () => process.exit(0),
      (err: unknown) => {
        say(`stopping failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exit(1);
      },
    );
  };
  const signals: StopSignal[] = ["SIGINT", "SIGTERM", "SIGHUP"];
  for (const signal of signals) process.on(signal, handler);
  return () => {
    for (const signal of signals) process.off(signal, handler);
  };
}
