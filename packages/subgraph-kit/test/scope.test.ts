import type { GraphQLError } from "graphql";
import { describe, expect, it } from "vitest";
import { requireKnownRegion, requireRegionInScope } from "../src";

const caught = (f: () => unknown): GraphQLError => {
  try {
    f();
  } catch (e) {
    return e as GraphQLError;
  }
  throw new Error("expected an error");
};

describe("retired region codes (issue 15)", () => {
  it("431121 祁阳县 is refused with BAD_USER_INPUT naming its successor 431181 祁阳市", () => {
    const e = caught(() => requireKnownRegion("431121", "regionCode"));
    expect(e.extensions).toMatchObject({
      code: "BAD_USER_INPUT",
      argumentName: "regionCode",
      retiredCode: "431121",
      successorCode: "431181",
    });
    expect(e.message).toMatch(/431181 祁阳市/);
    // Also for a caller whose scope covers it: no figure is filed under a retired code.
    const p = { sub: "t", name: "永州", scope: "431100", roles: ["reporter" as const] };
    expect(caught(() => requireRegionInScope(p, "431121")).extensions?.code).toBe("BAD_USER_INPUT");
    expect(requireRegionInScope(p, "431181").name).toBe("祁阳市");
  });

  it("unknown codes stay NOT_FOUND", () => {
    expect(caught(() => requireKnownRegion("999999")).extensions?.code).toBe("NOT_FOUND");
  });
});
