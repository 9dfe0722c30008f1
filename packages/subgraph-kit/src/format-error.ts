/**
 * Errors as a subgraph's clients see them (also the gateway's): coded errors as thrown, limits and
 * database outages with their codes, anything unexpected as a generic message.
 */
import type { GraphQLFormattedError } from "graphql";
import type { Logger } from "pino";
import { limitCodeOf, stripSuggestions } from "./limits";
import { DATABASE_UNAVAILABLE_MESSAGE, isDatabaseUnavailable } from "./outage";

/**
 * Errors clients see: coded errors as thrown; anything unexpected (a database error, a bug) is
 * logged in full and answered with a generic message, so SQL text or stack details never leak.
 */
export function formatError(production: boolean, log?: Logger) {
  return (formatted: GraphQLFormattedError, error?: unknown): GraphQLFormattedError => {
    // Apollo prefixes errors thrown while building the context; ours are already worded for clients.
    let out = formatted.message.startsWith("Context creation failed: ")
      ? { ...formatted, message: formatted.message.slice("Context creation failed: ".length) }
      : formatted;
    const limit = limitCodeOf(formatted.extensions, formatted.message);
    if (limit) {
      const { limit: _l, ...rest } = formatted.extensions ?? {};
      out = { ...out, extensions: { ...rest, code: limit } };
    }
    const code = out.extensions?.code;
    if (code === "INTERNAL_SERVER_ERROR" && isDatabaseUnavailable(error)) {
      // A restarting or unreachable database: say so, with a code clients can retry on.
      log?.warn({ err: error, path: formatted.path }, "database unavailable");
      const { stacktrace: _s, ...extensions } = out.extensions ?? {};
      return {
        ...out,
        message: DATABASE_UNAVAILABLE_MESSAGE,
        extensions: { ...extensions, code: "DATABASE_UNAVAILABLE" },
      };
    }
    if (code === "INTERNAL_SERVER_ERROR" && !(production === false && process.env.HSA_DEBUG === "1")) {
      log?.error({ err: error, path: formatted.path }, "unexpected error");
      out = { ...formatted, message: "internal server error: the details are in the service log" };
    }
    if (!production) return out;
    const { stacktrace: _s, ...extensions } = out.extensions ?? {};
    return { ...out, message: stripSuggestions(out.message), extensions };
  };
}
