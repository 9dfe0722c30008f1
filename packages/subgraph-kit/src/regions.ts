import { children, descendants, getRegion, type Region, type RegionLevel, requireRegion } from "@hsa/regions";
import type { Principal } from "./auth";
import { canSee, filterToScope, requireKnownRegion, requireRegionInScope } from "./scope";

/**
 * The shared Region entity. Its descriptive fields come from @hsa/regions and are resolved
 * locally in every subgraph (@shareable), so a one-domain dashboard query needs one fetch.
 */
export const regionSDL = /* GraphQL */ `
"行政区划级别（GB/T 2260）。Administrative level of a region (GB/T 2260)."
enum RegionLevel {
  "全国。The nation."
  NATION
  "省级（省、自治区、直辖市）。Province-level division."
  PROVINCE
  "地级市（地级行政区）。Prefecture-level city."
  CITY
  "县级（县、旗、区、县级市、管理区），即上报单位。County-level division (a reporting unit)."
  COUNTY
}

"行政区划（GB/T 2260 六位代码），从全国（000000）到县级。An administrative division (GB/T 2260 six-digit code), from the nation (000000) down to counties."
type Region @key(fields: "code") {
  "六位行政区划代码（GB/T 2260），如 150724。Six-digit GB/T 2260 code, e.g. 150724."
  code: ID!
  "区划的中文名称，如 呼伦贝尔市。Name of the division, in Chinese."
  name: String! @shareable
  "区划级别。Administrative level."
  level: RegionLevel! @shareable
  "上级区划；全国或上级不在你的权限范围内时为 null。The parent region, or null for the nation or when the parent is outside your scope."
  parent: Region @shareable
  "你权限范围内的下级区划。Child regions within your scope."
  children: [Region!]! @shareable
  "从你可见的最高级区划到本区划的路径（用于面包屑导航）。From the topmost region you may see down to this one (for breadcrumbs)."
  path: [Region!]! @shareable
}

"查询入口：区划、各领域指标、上报数据与审计。The query root: regions, each domain's KPIs, reports and audit."
type Query {
  "按代码查询一个区划；超出你的权限范围时返回 FORBIDDEN。One region. FORBIDDEN when outside your scope."
  region(
    "六位行政区划代码（GB/T 2260）。Six-digit GB/T 2260 region code."
    code: ID!
  ): Region @shareable
  """
  你权限范围内的区划。给定 parent：其下级（或给定 level 时，其该级别的全部下属区划）；不给 parent：你的权限区划（或给定 level 时，其中该级别的全部区划）。
  Regions within your scope. With parent: its children (or, with level, its descendants of that
  level). Without parent: the region of your scope (or, with level, every region of that level in it).
  """
  regions(
    "上级区划代码（六位）；省略时从你的权限区划开始。Parent region code (six digits); default: your scope."
    parent: ID
    "只返回该级别的区划。Only regions of this level."
    level: RegionLevel
  ): [Region!]! @shareable
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
