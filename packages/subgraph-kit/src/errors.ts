import { GraphQLError } from "graphql";

/** The error codes clients can rely on (DESIGN §9). */
export type ErrorCode =
  | "BAD_USER_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "INTERNAL_SERVER_ERROR";

function coded(code: ErrorCode, message: string, status: number, extra: Record<string, unknown> = {}) {
  return new GraphQLError(message, { extensions: { code, http: { status }, ...extra } });
}

/** Invalid arguments or input values. `details` may list every problem (e.g. per field). */
export function badInput(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  // HTTP stays 200 for field errors so other fields of the same operation still answer.
  return new GraphQLError(message, { extensions: { code: "BAD_USER_INPUT", ...extra } });
}

export function unauthenticated(message = "authentication required: send 'Authorization: Bearer <token>'") {
  return coded("UNAUTHENTICATED", message, 401);
}

export function forbidden(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "FORBIDDEN", ...extra } });
}

export function notFound(message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: "NOT_FOUND", ...extra } });
}
