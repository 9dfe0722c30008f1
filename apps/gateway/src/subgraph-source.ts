// The gateway's view of one subgraph (a RemoteGraphQLDataSource): the caller's token forwarded,
// a timeout, a failing subgraph turned into a coded error, and — with the response cache — data
// versions asked for and recorded, identical fetches in flight merged.
import { RemoteGraphQLDataSource } from "@apollo/gateway";
import {
  DATA_VERSION_HEADER,
  INTERNAL_HEADER,
  signInternal,
  WANT_DATA_VERSION_HEADER,
} from "@hsa/subgraph-kit";
import { GraphQLError } from "graphql";
import type { CacheObservation, FetchMerger } from "./response-cache";
import type { GatewayContext } from "./server";

/** Error code of fields whose subgraph did not answer (down, timed out, or HTTP 5xx). */
export const SUBGRAPH_UNAVAILABLE = "SUBGRAPH_UNAVAILABLE";

type Fetcher = RemoteGraphQLDataSource["fetcher"];
type ProcessOptions = Parameters<RemoteGraphQLDataSource<GatewayContext>["process"]>[0];
type SubgraphResponse = Awaited<ReturnType<RemoteGraphQLDataSource<GatewayContext>["process"]>>;

/**
 * One subgraph as the gateway sees it: the caller's token forwarded, a timeout per request, and a
 * subgraph that is down, slow or failing turned into a coded error for its fields only (the rest
 * of the operation still answers; the next request tries the subgraph again, so it recovers alone).
 */
export class SubgraphDataSource extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(
    readonly serviceName: string,
    url: string,
    timeoutMs: number,
    private readonly internalSecret?: string,
    /** With the response cache: identical fetches in flight are merged (see FetchMerger). */
    private readonly merger?: FetchMerger,
  ) {
    const timed = ((input: string, init?: RequestInit) =>
      fetch(input, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;
    super({ url, fetcher: timed });
  }

  /** The data version each answer was computed at (from the subgraph's response header). */
  private readonly versionOf = new WeakMap<object, string>();

  override async process(options: ProcessOptions): Promise<SubgraphResponse> {
    const cache = options.context.cache as CacheObservation | undefined;
    const query = options.request.query ?? "";
    if (!this.merger || !cache || options.kind !== "incoming operation" || /^\s*mutation\b/.test(query))
      return super.process(options);
    const { variables, operationName } = options.request;
    const key = `${options.context.authorization}\n${JSON.stringify({ query, variables, operationName })}`;
    const { response, version } = await this.merger.fetch(
      key,
      async () => {
        const r = await super.process(options);
        return { response: r, version: this.versionOf.get(r) };
      },
      (r) => JSON.stringify({ data: r.data, errors: r.errors, extensions: r.extensions }),
      (text) => JSON.parse(text) as SubgraphResponse,
    );
    if (!this.versionOf.has(response)) this.record(cache, version, response);
    return response;
  }

  private record(cache: CacheObservation, version: string | undefined, response: SubgraphResponse) {
    const seen = cache.versions.get(this.serviceName);
    if (!version || response.errors?.length || (seen && seen !== version)) cache.uncacheable = true;
    else cache.versions.set(this.serviceName, version);
  }

  override didReceiveResponse({
    response,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>["didReceiveResponse"]>>[0]) {
    const cache = context.cache;
    if (cache) {
      const version = response.http?.headers.get(DATA_VERSION_HEADER) ?? undefined;
      if (version) this.versionOf.set(response, version);
      this.record(cache, version, response);
    }
    return response;
  }

  override async willSendRequest({
    request,
    context,
  }: Parameters<NonNullable<RemoteGraphQLDataSource<GatewayContext>["willSendRequest"]>>[0]) {
    if (context.authorization) request.http?.headers.set("authorization", context.authorization);
    if (context.requestId) request.http?.headers.set("x-request-id", context.requestId);
    if (context.cache) request.http?.headers.set(WANT_DATA_VERSION_HEADER, "1");
    // Production: the subgraph answers only requests the gateway signed (see internal.ts).
    if (this.internalSecret)
      request.http?.headers.set(
        INTERNAL_HEADER,
        await signInternal(this.internalSecret, "gateway", this.serviceName, context.authorization),
      );
  }

  override didEncounterError(
    error: Error,
    ...rest: Parameters<RemoteGraphQLDataSource<GatewayContext>["didEncounterError"]> extends [
      unknown,
      ...infer R,
    ]
      ? R
      : never
  ): void {
    const [, response] = rest;
    if (!response || response.status >= 500) {
      const why =
        error.name === "TimeoutError" || /timeout|aborted/i.test(error.message)
          ? "did not answer in time"
          : response
            ? `answered HTTP ${response.status}`
            : "is unreachable";
      throw new GraphQLError(
        `the ${this.serviceName} service ${why}: its fields are missing from this answer; try again later`,
        { extensions: { code: SUBGRAPH_UNAVAILABLE, serviceName: this.serviceName } },
      );
    }
    throw error;
  }
}
