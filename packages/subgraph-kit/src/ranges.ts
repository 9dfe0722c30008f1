import { rangeProblem } from "@hsa/periods";
import { defaultFieldResolver, type GraphQLObjectType, type GraphQLSchema } from "graphql";
import { badInput } from "./errors";

/**
 * Bounded work: every field of the schema with quarter-range arguments (`from` and `to`) refuses a
 * range longer than MAX_RANGE_QUARTERS (or reversed) with BAD_USER_INPUT naming the limit, before
 * its resolver runs. One place for every subgraph, so a new range field cannot forget it.
 */
export function boundQuarterRanges(schema: GraphQLSchema): GraphQLSchema {
  for (const named of Object.values(schema.getTypeMap())) {
    // Duck-typed: @apollo/subgraph builds with graphql's CommonJS build, we import its ESM build,
    // so `isObjectType` (an instanceof check) would refuse its types.
    if (named[Symbol.toStringTag] !== "GraphQLObjectType" || named.name.startsWith("__")) continue;
    const type = named as GraphQLObjectType;
    for (const field of Object.values(type.getFields())) {
      const names = new Set(field.args.map((a) => a.name));
      if (!names.has("from") || !names.has("to")) continue;
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (parent, args, ctx, info) => {
        const { from, to } = args as { from?: unknown; to?: unknown };
        if (typeof from === "string" && typeof to === "string") {
          const problem = rangeProblem(from, to);
          if (problem) throw badInput(problem, { argumentName: "to", limit: "QUARTER_RANGE" });
        }
        return resolve(parent, args, ctx, info);
      };
    }
  }
  return schema;
}
