import { children, descendants, getRegion, type Region, type RegionLevel, requireRegion } from "@hsa/regions";
import type { Principal } from "./auth";
import { canSee, filterToScope, requireKnownRegion, requireRegionInScope } from "./scope";

/**
 * The shared Region entity. Its descriptive fields come from @hsa/regions and are resolved
 * locally in every subgraph (@shareable), so a one-domain dashboard query needs one fetch.
 */
export const regionSDL = /* GraphQL */ `
"Administrative level of a region (GB/T 2260)."
enum RegionLevel { NATION PROVINCE CITY COUNTY }

"An administrative division (GB/T 2260 six-digit code), from the nation (000000) down to counties."
type Region @key(fields: "code") {
  "Six-digit GB/T 2260 code, e.g. 150724."
  code: ID!
  name: String! @shareable
  level: RegionLevel! @shareable
  "The parent region, or null for the nation or when the parent is outside your scope."
  parent: Region @shareable
  "Child regions within your scope."
  children: [Region!]! @shareable
  "From the topmost region you may see down to this one (for breadcrumbs)."
  path: [Region!]! @shareable
}

type Query {
  "One region. FORBIDDEN when outside your scope."
  region(code: ID!): Region @shareable
  """
  Regions within your scope. With parent: its children (or, with level, its descendants of that
  level). Without parent: the region of your scope (or, with level, every region of that level in it).
  """
  regions(parent: ID, level: RegionLevel): [Region!]! @shareable
}
`;

interface Ctx {
  principal: Principal;
}

export const regionResolvers = {
  Query: {
    region: (_: unknown, args: { code: string }, ctx: Ctx): Region =>
      requireRegionInScope(ctx.principal, args.code),
    regions: (
      _: unknown,
      args: { parent?: string | null; level?: RegionLevel | null },
      ctx: Ctx,
    ): Region[] => {
      const p = ctx.principal;
      if (p.scope === null) return [];
      if (args.parent) {
        requireKnownRegion(args.parent, "parent");
        const list = args.level ? descendants(args.parent, args.level) : children(args.parent);
        return filterToScope(p, list);
      }
      const root = requireRegion(p.scope);
      if (!args.level) return [root];
      if (root.level === args.level) return [root];
      return descendants(root.code, args.level);
    },
  },
  Region: {
    // An entity reference outside the caller's scope resolves to nothing (a subgraph reached
    // directly with `_entities` must not answer what `region(code)` refuses).
    __resolveReference: (ref: { code: string }, ctx: Ctx): Region | null =>
      canSee(ctx.principal, ref.code) ? (getRegion(ref.code) ?? null) : null,
    parent: (r: Region, _: unknown, ctx: Ctx): Region | null => {
      if (!r.parentCode || !canSee(ctx.principal, r.parentCode)) return null;
      return getRegion(r.parentCode) ?? null;
    },
    children: (r: Region, _: unknown, ctx: Ctx): Region[] => filterToScope(ctx.principal, children(r.code)),
    path: (r: Region, _: unknown, ctx: Ctx): Region[] => {
      const out: Region[] = [];
      for (
        let cur: Region | undefined = r;
        cur;
        cur = cur.parentCode ? getRegion(cur.parentCode) : undefined
      ) {
        if (!canSee(ctx.principal, cur.code)) break;
        out.unshift(cur);
      }
      return out;
    },
  },
};
