import { performance } from "node:perf_hooks";
import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import type { Logger } from "pino";

/** Error codes of the drivers (postgres, node, PostgreSQL SQLSTATE) that mean "the database is not there". */
const DATABASE_DOWN = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "CONNECTION_CLOSED",
  "CONNECTION_ENDED",
  "CONNECTION_DESTROYED",
  "CONNECT_TIMEOUT",
  "57P01", // admin_shutdown
  "57P02", // crash_shutdown
  "57P03", // cannot_connect_now
  "08000",
  "08001",
  "08003",
  "08006",
]);

/** True when an error (or what it wraps: GraphQL's originalError, drizzle's cause) is a lost database. */
export function isDatabaseUnavailable(error: unknown): boolean {
  let cur: unknown = error;
  for (let depth = 0; cur && typeof cur === "object" && depth < 6; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === "string" && DATABASE_DOWN.has(code)) return true;
    const next =
      (cur as { originalError?: unknown; cause?: unknown }).originalError ??
      (cur as { cause?: unknown }).cause;
    cur = next;
  }
  return false;
}

export const DATABASE_UNAVAILABLE_MESSAGE =
  "the database is unavailable; try again shortly (a write is all or nothing: once the database is back, check it or send it again — reports are idempotent)";

export interface BreakerOptions {
  /** A cheap round trip to the database (`select 1`); without one the breaker just waits `retryMs`. */
  ping?: () => Promise<unknown>;
  /** Pause between two probes while the database is gone (default `HSA_DB_BREAKER_MS` or 250 ms). */
  retryMs?: number;
  /** Called when the database answers again, before requests flow (e.g. renew the pool). */
  onRecover?: () => void;
  log?: Logger;
}

/**
 * A circuit breaker for a lost database. Once a request finds the database gone, the breaker
 * opens: the next requests are answered DATABASE_UNAVAILABLE at once instead of each waiting for a
 * connection (which, under load, queues work faster than it drains), and a probe pings the
 * database every `retryMs`. The first ping that answers closes it (half-open → closed), so
 * requests flow again as soon as the database does.
 *
 * Failures of requests that started before the last recovery are the outage's stragglers (a
 * connection attempt made while the database was still down): they do not open the breaker again,
 * which is what made a client see the error once more after the database was back.
 */
export class DatabaseBreaker {
  private open = false;
  private recoveredAt = Number.NEGATIVE_INFINITY;
  private probing: Promise<boolean> | undefined;
  private stopped = false;
  /** Pings that failed since the breaker opened: a real outage, not one dropped connection. */
  private failedPings = 0;
  private readonly retryMs: number;

  constructor(private readonly opts: BreakerOptions = {}) {
    const env = Number(process.env.HSA_DB_BREAKER_MS);
    this.retryMs = opts.retryMs ?? (Number.isFinite(env) && env > 0 ? env : 250);
  }

  /** A request that started at `startedAt` (performance.now()) failed because the database is gone. */
  trip(startedAt: number): void {
    if (this.stopped || this.open || startedAt < this.recoveredAt) return;
    this.open = true;
    this.failedPings = 0;
    this.opts.log?.warn("database unavailable: failing requests fast until it answers again");
    void this.watch();
  }

  isOpen(): boolean {
    return this.open;
  }

  /** True when the last recovery happened after `startedAt`: a failure then was the outage's. */
  recoveredSince(startedAt: number): boolean {
    return this.recoveredAt > startedAt;
  }

  /** One ping shared by concurrent callers; true (and the breaker closed) when the database answers. */
  probe(): Promise<boolean> {
    if (!this.probing) {
      this.probing = (async () => {
        try {
          if (this.opts.ping) await this.opts.ping();
          else await sleep(this.retryMs);
          this.close();
          return true;
        } catch {
          this.failedPings += 1;
          return false;
        } finally {
          this.probing = undefined;
        }
      })();
    }
    return this.probing;
  }

  /** Stops probing (the service is shutting down). */
  stop(): void {
    this.stopped = true;
    this.open = false;
  }

  private close(): void {
    this.recoveredAt = performance.now();
    if (!this.open) return;
    // After a real outage (at least one ping failed), connections opened or queued while the
    // server was down or starting may never complete: start afresh. One dropped connection (the
    // ping answered at once) leaves the pool and its healthy transactions alone.
    if (this.failedPings > 0) this.opts.onRecover?.();
    this.open = false;
    this.opts.log?.info("database answers again");
  }

  private async watch(): Promise<void> {
    while (this.open && !this.stopped) {
      if (await this.probe()) return;
      await sleep(this.retryMs);
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/** What one HTTP request's execution learned about the database (see `databaseOutagePlugin`). */
export interface RequestAttempt {
  /** 1 for the first execution, 2 for the retry. */
  readonly number: number;
  /** Set when a read-only operation failed only because the database was gone: safe to run again. */
  retryable: boolean;
}

/**
 * Opens the breaker on lost-database errors, and marks a query (never a mutation: it may have
 * started a write) that failed only for that reason as retryable, so that the HTTP handler runs it
 * once more on a fresh connection once the database answers.
 */
export function databaseOutagePlugin<C extends BaseContext & { attempt?: RequestAttempt }>(
  breaker: DatabaseBreaker,
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      const startedAt = performance.now();
      return {
        async didEncounterErrors(rc) {
          const lost = rc.errors.filter((e) => isDatabaseUnavailable(e));
          if (lost.length === 0) return;
          breaker.trip(startedAt);
          const attempt = rc.contextValue.attempt;
          if (attempt && rc.operation?.operation === "query" && lost.length === rc.errors.length)
            attempt.retryable = true;
        },
      };
    },
  };
}
