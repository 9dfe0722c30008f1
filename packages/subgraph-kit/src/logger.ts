import pino, { type Logger } from "pino";

export type { Logger };

/** Structured JSON logs (one line per request). LOG_LEVEL=silent in tests. */
export function createLogger(service: string, env: NodeJS.ProcessEnv = process.env): Logger {
  return pino({ name: service, level: env.LOG_LEVEL ?? (env.NODE_ENV === "test" ? "silent" : "info") });
}
