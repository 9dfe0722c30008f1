import type { Logger } from "pino";
import type { TokenVerifier } from "./auth";
import { unauthenticated } from "./errors";

/**
 * Revoked API tokens (issue 20): the gateway keeps them (apps/gateway/src/tokens.ts) and serves
 * their ids at GET /auth/revoked; every subgraph polls that list, so a revoked token is refused by
 * the gateway at once and by every subgraph within one poll interval (HSA_REVOCATION_POLL_MS,
 * default 30 s) — also when it is sent to a subgraph directly.
 */
export interface Revocations {
  has(tokenId: string): boolean;
}

export const NO_REVOCATIONS: Revocations = { has: () => false };

/** A verifier that also refuses tokens whose id is revoked. */
export function withRevocation(verify: TokenVerifier, revoked: Revocations): TokenVerifier {
  return async (token) => {
    const principal = await verify(token);
    if (principal.tokenId && revoked.has(principal.tokenId)) {
      throw unauthenticated("token revoked: ask your region's administrator for a new one / 令牌已被吊销");
    }
    return principal;
  };
}

export const DEFAULT_REVOCATION_POLL_MS = 30_000;

/** HSA_REVOCATION_POLL_MS: whole milliseconds ≥ 100 (tests poll fast); anything else → 30 s. */
export function pollInterval(raw: string | undefined): number {
  const n = Number(raw);
  return Number.isInteger(n) && n >= 100 ? n : DEFAULT_REVOCATION_POLL_MS;
}

/** How long a subgraph waits, quietly, for a gateway it has not reached yet (a first start loads its demo data first). */
export const REVOCATION_START_GRACE_MS = 5 * 60_000;

/**
 * Polls a gateway's GET /auth/revoked; keeps the last list it got when the gateway is unreachable.
 * Says so once per outage — but not while the gateway has never answered within the start grace:
 * under `npm start` the gateway comes up after its subgraphs, a first start only after minutes of
 * demo loading, and a warning then would only alarm a new user.
 */
export class RevocationPoller implements Revocations {
  private ids = new Set<string>();
  private timer: NodeJS.Timeout | undefined;
  private warned = false;
  private stopped = false;
  private reached = false;
  private readonly since = Date.now();

  constructor(
    private readonly url: string,
    private readonly log?: Logger,
    private readonly intervalMs = pollInterval(process.env.HSA_REVOCATION_POLL_MS),
    private readonly startGraceMs = REVOCATION_START_GRACE_MS,
  ) {}

  has(tokenId: string): boolean {
    return this.ids.has(tokenId);
  }

  /** One poll now (returns once the answer is in); then every interval. */
  async start(): Promise<void> {
    await this.poll();
    if (this.stopped) return;
    this.timer = setInterval(() => void this.poll(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
  }

  async poll(): Promise<void> {
    try {
      const res = await fetch(this.url, { signal: AbortSignal.timeout(5_000) });
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const body = (await res.json()) as { revoked?: unknown };
      if (!Array.isArray(body.revoked)) throw new Error("no revoked list in the answer");
      this.ids = new Set(body.revoked.filter((x): x is string => typeof x === "string"));
      this.warned = false;
      this.reached = true;
    } catch (err) {
      if (this.warned) return;
      const starting = !this.reached && Date.now() - this.since < this.startGraceMs;
      if (starting) return;
      this.log?.warn(
        { url: this.url, reason: (err as Error).message },
        this.reached
          ? "revoked-token list unavailable; keeping the last one"
          : "revoked-token list never reached since start: check HSA_REVOCATIONS_URL (no tokens refused as revoked until it answers)",
      );
      this.warned = true;
    }
  }
}
