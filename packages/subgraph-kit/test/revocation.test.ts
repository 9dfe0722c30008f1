import { describe, expect, it } from "vitest";
import { mintToken, verifyToken } from "../src/auth";
import { DEFAULT_REVOCATION_POLL_MS, pollInterval, withRevocation } from "../src/revocation";

const SECRET = "revocation-test-secret-0123456789-abcdefghij";

describe("revocable API tokens", () => {
  it("only our API tokens carry a token id: an OIDC-style jti on a personal token is not one", async () => {
    const api = await mintToken({ sub: "api-token:tok_abc", scope: "150700", jti: "tok_abc" }, SECRET);
    const personal = await mintToken(
      { sub: "user-1", scope: "150700", jti: "8f1c-uuid-from-the-idp" },
      SECRET,
    );
    expect((await verifyToken(api, SECRET)).tokenId).toBe("tok_abc");
    expect((await verifyToken(personal, SECRET)).tokenId).toBeUndefined();
  });

  it("refuses a revoked token as UNAUTHENTICATED and lets the others through", async () => {
    const verify = withRevocation((t) => verifyToken(t, SECRET), { has: (id) => id === "tok_gone" });
    const gone = await mintToken({ sub: "api-token:tok_gone", scope: "150700", jti: "tok_gone" }, SECRET);
    const kept = await mintToken({ sub: "api-token:tok_kept", scope: "150700", jti: "tok_kept" }, SECRET);
    await expect(verify(gone)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
    expect((await verify(kept)).tokenId).toBe("tok_kept");
  });

  it("reads the poll interval with a floor, never a tight loop", () => {
    expect(pollInterval("250")).toBe(250);
    for (const bad of [undefined, "", "-5", "0", "10", "abc", "1.5"])
      expect(pollInterval(bad), String(bad)).toBe(DEFAULT_REVOCATION_POLL_MS);
  });
});
