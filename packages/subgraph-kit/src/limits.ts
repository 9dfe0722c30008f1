import {
  type ASTVisitor,
  type FragmentDefinitionNode,
  GraphQLError,
  type GraphQLSchema,
  type SelectionSetNode,
  type ValidationContext,
} from "graphql";

/**
 * Query limits as graphql-js validation rules (the same in the gateway and every subgraph).
 *
 * - depth: the longest chain of nested fields (fragments expanded; introspection fields
 *   `__schema` / `__type` are not counted, so tools can still introspect in development).
 * - aliases: the number of aliased fields in the operation, fragments expanded.
 * - cost: every field costs 1; a field returning a list multiplies the cost of its sub-selection
 *   by `listFactor`: cost(f) = 1 + (isList(f) ? listFactor : 1) × Σ cost(children).
 *
 * Fragments are measured once each (memoised), so the checks stay linear in the document size
 * even for "fragment bombs". Types are duck-typed (names and `getFields`), because the gateway's
 * schema may come from graphql's CommonJS build while this module loads its ESM build.
 */
export interface QueryLimits {
  maxDepth: number;
  maxAliases: number;
  /** Largest cost (see above); 0 = not checked. */
  maxCost: number;
  listFactor: number;
  /** Largest number of lexical tokens of a document (graphql's parse option maxTokens). */
  maxTokens: number;
}

export const DEFAULT_LIMITS: QueryLimits = {
  maxDepth: 12,
  maxAliases: 30,
  maxCost: 25_000,
  listFactor: 10,
  maxTokens: 5_000,
};

/** Error codes of the limits (documented in the gateway README). */
export type LimitCode = "QUERY_TOO_DEEP" | "TOO_MANY_ALIASES" | "QUERY_TOO_COMPLEX" | "QUERY_TOO_LARGE";

function positive(v: string | undefined, fallback: number): number {
  if (v === undefined || v === "") return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`expected a non-negative integer, got "${v}"`);
  return n;
}

/** HSA_MAX_DEPTH, HSA_MAX_ALIASES, HSA_MAX_COST, HSA_LIST_FACTOR, HSA_MAX_TOKENS. */
export function limitsFromEnv(env: NodeJS.ProcessEnv = process.env): QueryLimits {
  return {
    maxDepth: positive(env.HSA_MAX_DEPTH, DEFAULT_LIMITS.maxDepth),
    maxAliases: positive(env.HSA_MAX_ALIASES, DEFAULT_LIMITS.maxAliases),
    maxCost: positive(env.HSA_MAX_COST, DEFAULT_LIMITS.maxCost),
    listFactor: positive(env.HSA_LIST_FACTOR, DEFAULT_LIMITS.listFactor),
    maxTokens: positive(env.HSA_MAX_TOKENS, DEFAULT_LIMITS.maxTokens),
  };
}

export function limitError(code: LimitCode, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { code, limit: code, http: { status: 400 } } });
}

interface Measure {
  depth: number;
  aliases: number;
  cost: number;
}

interface NamedLike {
  name: string;
  getFields?: () => Record<string, { type: unknown }>;
}

const INTROSPECTION = new Set(["__schema", "__type"]);

function namedTypeOf(schema: GraphQLSchema, type: unknown): { named: NamedLike | undefined; list: boolean } {
  const text = String(type);
  const name = text.replace(/[[\]!]/g, "");
  return { named: schema.getType(name) as NamedLike | undefined, list: text.includes("[") };
}

function measureDocument(context: ValidationContext, listFactor: number): Measure[] {
  const schema = context.getSchema();
  const doc = context.getDocument();
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of doc.definitions)
    if (def.kind === "FragmentDefinition") fragments.set(def.name.value, def);
  const memo = new Map<string, Measure>();
  const inProgress = new Set<string>();

  function selectionSet(set: SelectionSetNode, parent: NamedLike | undefined): Measure {
    const out: Measure = { depth: 0, aliases: 0, cost: 0 };
    for (const sel of set.selections) {
      let m: Measure;
      if (sel.kind === "Field") {
        if (INTROSPECTION.has(sel.name.value)) continue;
        const def = parent?.getFields?.()[sel.name.value];
        const { named, list } = def ? namedTypeOf(schema, def.type) : { named: undefined, list: false };
        const child = sel.selectionSet
          ? selectionSet(sel.selectionSet, named)
          : { depth: 0, aliases: 0, cost: 0 };
        m = {
          depth: 1 + child.depth,
          aliases: (sel.alias ? 1 : 0) + child.aliases,
          cost: 1 + (list ? listFactor : 1) * child.cost,
        };
      } else if (sel.kind === "InlineFragment") {
        const cond = sel.typeCondition
          ? (schema.getType(sel.typeCondition.name.value) as NamedLike | undefined)
          : parent;
        m = selectionSet(sel.selectionSet, cond);
      } else {
        const name = sel.name.value;
        const cached = memo.get(name);
        if (cached) m = cached;
        else {
          const frag = fragments.get(name);
          // Unknown or cyclic fragments are reported by graphql's own rules.
          if (!frag || inProgress.has(name)) continue;
          inProgress.add(name);
          m = selectionSet(
            frag.selectionSet,
            schema.getType(frag.typeCondition.name.value) as NamedLike | undefined,
          );
          inProgress.delete(name);
          memo.set(name, m);
        }
      }
      out.depth = Math.max(out.depth, m.depth);
      out.aliases += m.aliases;
      out.cost += m.cost;
    }
    return out;
  }

  const results: Measure[] = [];
  for (const def of doc.definitions) {
    if (def.kind !== "OperationDefinition") continue;
    const root =
      def.operation === "query"
        ? schema.getQueryType()
        : def.operation === "mutation"
          ? schema.getMutationType()
          : schema.getSubscriptionType();
    results.push(selectionSet(def.selectionSet, (root ?? undefined) as NamedLike | undefined));
  }
  return results;
}

/**
 * One validation rule checking depth, aliases and cost of every operation of the document.
 * Add it to Apollo Server's `validationRules`; pass `limits.maxTokens` as `parseOptions.maxTokens`.
 */
export function queryLimitsRule(limits: QueryLimits) {
  return (context: ValidationContext): ASTVisitor => {
    let done = false;
    return {
      Document() {
        if (done) return;
        done = true;
        for (const m of measureDocument(context, limits.listFactor)) {
          if (limits.maxDepth && m.depth > limits.maxDepth)
            context.reportError(
              limitError(
                "QUERY_TOO_DEEP",
                `the query is ${m.depth} fields deep; at most ${limits.maxDepth} are allowed`,
              ),
            );
          if (limits.maxAliases && m.aliases > limits.maxAliases)
            context.reportError(
              limitError(
                "TOO_MANY_ALIASES",
                `the query uses ${m.aliases} aliases; at most ${limits.maxAliases} are allowed`,
              ),
            );
          if (limits.maxCost && m.cost > limits.maxCost)
            context.reportError(
              limitError(
                "QUERY_TOO_COMPLEX",
                `the query's cost is ${m.cost} (each field 1, lists ×${limits.listFactor}); at most ${limits.maxCost} is allowed: ask for fewer fields or split the query`,
              ),
            );
        }
      },
    };
  };
}

/** graphql's parse error for `maxTokens`, recognised to give it its own code. */
export const TOO_MANY_TOKENS = /^Syntax Error: Document contains more tha[nt] \d+ tokens/;

/**
 * Apollo Server replaces the code of every validation error with GRAPHQL_VALIDATION_FAILED (and
 * of parse errors with GRAPHQL_PARSE_FAILED); the limit's own code travels in `extensions.limit`
 * and formatError puts it back as `code`.
 */
export function limitCodeOf(
  extensions: Record<string, unknown> | undefined,
  message: string,
): LimitCode | null {
  if (TOO_MANY_TOKENS.test(message)) return "QUERY_TOO_LARGE";
  const limit = extensions?.limit;
  return limit === "QUERY_TOO_DEEP" || limit === "TOO_MANY_ALIASES" || limit === "QUERY_TOO_COMPLEX"
    ? limit
    : null;
}

/** "Did you mean …?" hints name fields and types: removed from messages in production. */
export function stripSuggestions(message: string): string {
  return message.replace(/\s*Did you mean [^?]*\?/g, "");
}
