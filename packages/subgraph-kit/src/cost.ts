import type { ApolloServerPlugin, BaseContext } from "@apollo/server";
import { isQuarterString, quarterIndex, rangeProblem } from "@hsa/periods";
import {
  children,
  descendants,
  getRegion,
  NATION_CODE,
  type RegionLevel,
  reportingUnits,
} from "@hsa/regions";
import {
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
  valueFromASTUntyped,
} from "graphql";
import { limitError, type QueryLimits } from "./limits";

/**
 * The cost of an operation priced by what it returns (issue 14): every field costs 1 plus its
 * sub-selection times the number of items it returns, where that number is known —
 *   · `region(code)` 1, `regions(parent, level)` the regions it lists, `children` the children of
 *     the regions in hand (from the region tree), `path` their depth;
 *   · `<domain>ReportStates(from, to)` the reporting units below × the quarters of the range;
 *     `points` of a KPI series the quarters of its range; `<domain>Kpis(metrics)` the metrics asked
 *     for (else `listFactor`, about the size of a catalogue);
 *   · a connection (`first`) its page size;
 *   · any other list `listFactor`.
 * Variables are known here (unlike in a validation rule), so `$from`/`$to` price exactly.
 */
interface Ctx {
  /** Region codes in hand at this point of the selection (null: unknown). */
  regions: string[] | null;
  /** The region in hand is one county (an institution's), though its code is not known here. */
  county: boolean;
  quarters: number | null;
  first: number | null;
}

interface NamedLike {
  name: string;
  getFields?: () => Record<
    string,
    { type: unknown; args?: readonly { name: string; defaultValue?: unknown }[] }
  >;
}

const avg = (total: number, n: number) => (n > 0 ? total / n : 0);
/** The most children a region has (the nation's 34 provinces). */
const MAX_CHILDREN = 34;

function ancestorsOf(code: string): string[] {
  const out: string[] = [];
  for (let r = getRegion(code); r; r = r.parentCode ? getRegion(r.parentCode) : undefined) out.push(r.code);
  return out;
}

export function operationCost(
  schema: GraphQLSchema,
  selection: SelectionSetNode,
  rootType: NamedLike | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
  variables: Record<string, unknown>,
  listFactor: number,
  scope: string | null,
): number {
  const typeOf = (t: unknown) => {
    const text = String(t);
    return {
      named: schema.getType(text.replace(/[[\]!]/g, "")) as NamedLike | undefined,
      list: text.includes("["),
    };
  };
  // Arguments as the resolver will see them: schema defaults (first: Int = 50) filled in.
  const argsOf = (
    f: FieldNode,
    defs: readonly { name: string; defaultValue?: unknown }[] = [],
  ): Record<string, unknown> => {
    const out: Record<string, unknown> = {};
    for (const d of defs) if (d.defaultValue !== undefined) out[d.name] = d.defaultValue;
    for (const a of f.arguments ?? []) {
      const v = valueFromASTUntyped(a.value, variables);
      if (v !== undefined) out[a.name.value] = v;
    }
    return out;
  };
  // A malformed quarter is the Quarter scalar's error to report (BAD_USER_INPUT), not the cost's.
  const quartersOf = (a: Record<string, unknown>): number | null => {
    if (typeof a.from !== "string" || typeof a.to !== "string") return null;
    if (!isQuarterString(a.from) || !isQuarterString(a.to) || rangeProblem(a.from, a.to)) return null;
    return quarterIndex(a.to) - quarterIndex(a.from) + 1;
  };

  function field(f: FieldNode, parent: NamedLike | undefined, ctx: Ctx): number {
    const def = parent?.getFields?.()[f.name.value];
    const { named, list } = def ? typeOf(def.type) : { named: undefined, list: false };
    const a = argsOf(f, def?.args);
    const name = f.name.value;
    let items = 1;
    const next: Ctx = {
      regions: ctx.regions,
      county: ctx.county,
      quarters: quartersOf(a) ?? ctx.quarters,
      first: ctx.first,
    };
    if (parent?.name === "Query" && name === "region") {
      next.regions = typeof a.code === "string" && getRegion(a.code) ? [a.code] : null;
    } else if (parent?.name === "Query" && name === "regions") {
      const level = typeof a.level === "string" ? (a.level as RegionLevel) : undefined;
      const root = typeof a.parent === "string" && getRegion(a.parent) ? a.parent : (scope ?? NATION_CODE);
      const listed =
        typeof a.parent === "string"
          ? level
            ? descendants(root, level)
            : children(root)
          : level
            ? descendants(root, level)
            : [getRegion(root)];
      next.regions = listed.flatMap((r) => (r ? [r.code] : []));
      items = next.regions.length;
    } else if (parent?.name === "Region" && name === "children") {
      if (ctx.regions) {
        const kids = ctx.regions.flatMap((c) => children(c).map((r) => r.code));
        items = avg(kids.length, ctx.regions.length);
        next.regions = kids;
      } else {
        items = MAX_CHILDREN; // regions not known here: as many as a region can have
        next.regions = null;
      }
    } else if (parent?.name === "Region" && name === "parent") {
      next.regions = ctx.regions
        ? [
            ...new Set(
              ctx.regions.flatMap((c) =>
                getRegion(c)?.parentCode ? [getRegion(c)?.parentCode as string] : [],
              ),
            ),
          ]
        : null;
    } else if (parent?.name === "Region" && name === "path") {
      // Every ancestor the caller may see, up to the nation.
      items = 4;
      next.regions = ctx.regions ? [...new Set(ctx.regions.flatMap((c) => ancestorsOf(c)))] : null;
    } else if (parent?.name !== "Region" && parent?.name !== "Query" && named?.name === "Region") {
      // An institution's or an inspection's region: one county.
      next.regions = null;
      next.county = true;
    } else if (name.endsWith("ReportStates")) {
      const units = ctx.regions
        ? avg(
            ctx.regions.reduce((s, c) => s + reportingUnits(c).length, 0),
            ctx.regions.length,
          )
        : listFactor;
      items = Math.max(1, units) * (quartersOf(a) ?? listFactor);
    } else if (parent?.name === "Query" && name.endsWith("Ranking")) {
      // One row per region of the level within the region asked (default: the caller's scope).
      const within = typeof a.within === "string" && getRegion(a.within) ? a.within : (scope ?? NATION_CODE);
      const level = typeof a.level === "string" ? (a.level as RegionLevel) : undefined;
      const regions = level ? descendants(within, level).length : 1;
      items = typeof a.first === "number" ? Math.min(a.first, regions) : regions;
    } else if (name.endsWith("Kpis") && list) {
      // More than 100 metric ids is the subgraph's BAD_USER_INPUT (with the limit named), not a cost.
      items = Array.isArray(a.metrics) ? Math.min(a.metrics.length, 100) : listFactor;
    } else if (name === "points" && list) {
      items = ctx.quarters ?? listFactor;
    } else if (typeof a.first === "number") {
      next.first = a.first;
    } else if (name === "edges" && list) {
      items = ctx.first ?? listFactor;
    } else if (list) {
      items = listFactor;
    }
    const child = f.selectionSet ? set(f.selectionSet, named, next) : 0;
    return 1 + items * child;
  }

  const inProgress = new Set<string>();
  function set(s: SelectionSetNode, parent: NamedLike | undefined, ctx: Ctx): number {
    let total = 0;
    for (const sel of s.selections) {
      if (sel.kind === "Field") {
        if (sel.name.value.startsWith("__")) continue;
        total += field(sel, parent, ctx);
      } else if (sel.kind === "InlineFragment") {
        const cond = sel.typeCondition
          ? (schema.getType(sel.typeCondition.name.value) as NamedLike | undefined)
          : parent;
        total += set(sel.selectionSet, cond, ctx);
      } else {
        const frag = fragments.get(sel.name.value);
        if (!frag || inProgress.has(frag.name.value)) continue;
        inProgress.add(frag.name.value);
        total += set(
          frag.selectionSet,
          schema.getType(frag.typeCondition.name.value) as NamedLike | undefined,
          ctx,
        );
        inProgress.delete(frag.name.value);
      }
    }
    return total;
  }
  return Math.round(set(selection, rootType, { regions: null, county: false, quarters: null, first: null }));
}

/** Refuses operations whose cost (see `operationCost`) exceeds `limits.maxCost`, with QUERY_TOO_COMPLEX. */
export function queryCostPlugin<C extends BaseContext & { principal?: { scope: string | null } }>(
  limits: QueryLimits,
): ApolloServerPlugin<C> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          if (!limits.maxCost) return;
          const fragments = new Map<string, FragmentDefinitionNode>();
          for (const d of rc.document.definitions)
            if (d.kind === "FragmentDefinition") fragments.set(d.name.value, d);
          const op = rc.operation;
          if (!op) return;
          const root =
            op.operation === "query"
              ? rc.schema.getQueryType()
              : op.operation === "mutation"
                ? rc.schema.getMutationType()
                : null;
          // Variables as the operation will run: declared defaults filled in.
          const variables: Record<string, unknown> = {};
          for (const v of op.variableDefinitions ?? [])
            if (v.defaultValue) variables[v.variable.name.value] = valueFromASTUntyped(v.defaultValue);
          Object.assign(variables, rc.request.variables ?? {});
          const cost = operationCost(
            rc.schema,
            op.selectionSet,
            (root ?? undefined) as NamedLike | undefined,
            fragments,
            variables,
            limits.listFactor,
            rc.contextValue.principal?.scope ?? null,
          );
          if (cost > limits.maxCost)
            throw limitError(
              "QUERY_TOO_COMPLEX",
              `the query's cost is ${cost} (each field 1, times the items a list returns: regions, quarters, counties × quarters, page size; other lists ×${limits.listFactor}); at most ${limits.maxCost} is allowed: ask for fewer fields, regions or quarters, or split the query`,
            );
        },
      };
    },
  };
}
