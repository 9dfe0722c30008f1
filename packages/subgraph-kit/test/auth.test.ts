import { describe, expect, it } from "vitest";
import { canSee, jwtSecretFromEnv, mintToken, requireRegionInScope, verifyToken } from "../src";

const SECRET = "unit-test-secret-0123456789-abcdefghijklmnop";

describe("JWT verification", () => {
  it("accepts a token it signed and reads the claims", async () => {
    const t = await mintToken(
      { sub: "u1", name: "呼伦贝尔", scope: "150700", roles: ["viewer", "approver"] },
      SECRET,
    );
    expect(await verifyToken(t, SECRET)).toEqual({
      sub: "u1",
      name: "呼伦贝尔",
      scope: "150700",
      roles: ["viewer", "approver"],
    });
  });

  it("rejects a wrong signature, an expired token and garbage with UNAUTHENTICATED", async () => {
    const other = await mintToken({ sub: "u1", scope: "000000" }, `${SECRET}-other`);
    const expired = await mintToken(
      { sub: "u1", scope: "000000" },
      SECRET,
      Math.floor(Date.now() / 1000) - 10,
    );
    for (const t of [other, expired, "not.a.jwt", ""]) {
      await expect(verifyToken(t, SECRET)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    }
  });

  it("drops unknown roles and treats an unknown scope as no scope (deny by default)", async () => {
    const t = await mintToken({ sub: "u1", scope: "999999", roles: ["viewer", "superuser"] }, SECRET);
    const p = await verifyToken(t, SECRET);
    expect(p.roles).toEqual(["viewer"]);
    expect(p.scope).toBeNull();
    expect(canSee(p, "000000")).toBe(false);
  });

  it("refuses short secrets and a missing secret in production", () => {
    expect(() => jwtSecretFromEnv({ HSA_JWT_SECRET: "short" })).toThrow(/32 characters/);
    expect(() => jwtSecretFromEnv({ HSA_ENV: "production" })).toThrow(/required/);
    expect(jwtSecretFromEnv({ HSA_JWT_SECRET: SECRET })).toBe(SECRET);
  });
});

describe("scope", () => {
  const city = { sub: "c", name: "c", scope: "150700", roles: ["viewer" as const] };
  it("covers the subtree only", () => {
    expect(canSee(city, "150724")).toBe(true);
    expect(canSee(city, "150700")).toBe(true);
    expect(canSee(city, "150000")).toBe(false);
    expect(canSee(city, "430671")).toBe(false);
  });
  it("answers FORBIDDEN outside, NOT_FOUND for unknown and BAD_USER_INPUT for malformed codes", () => {
    expect(() => requireRegionInScope(city, "430600")).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "FORBIDDEN" }) }),
    );
    expect(() => requireRegionInScope(city, "159999")).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "NOT_FOUND" }) }),
    );
    expect(() => requireRegionInScope(city, "15'; drop")).toThrow(
      expect.objectContaining({ extensions: expect.objectContaining({ code: "BAD_USER_INPUT" }) }),
    );
  });
});
