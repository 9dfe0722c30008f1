import { describe, expect, it } from "vitest";
import { jwtSecretFromEnv, mintToken, tokenVerifierFromEnv } from "../src";

const SECRET = "unit-test-secret-0123456789-abcdefghijklmnop";

describe("token verifier from the environment", () => {
  it("keeps the analyst role", async () => {
    const verify = tokenVerifierFromEnv(SECRET, {});
    const t = await mintToken({ sub: "a", scope: "150700", roles: ["viewer", "analyst", "root"] }, SECRET);
    expect((await verify(t)).roles).toEqual(["viewer", "analyst"]);
  });

  it("needs issuer and audience with a JWKS URL", () => {
    expect(() => tokenVerifierFromEnv(SECRET, { HSA_JWKS_URL: "http://127.0.0.1:1/jwks.json" })).toThrow(
      /HSA_JWT_ISSUER and HSA_JWT_AUDIENCE/,
    );
  });

  it("does not need a shared secret in production when a JWKS is configured, and the HS256 tokens do not pass", async () => {
    const env = {
      HSA_ENV: "production",
      HSA_JWKS_URL: "http://127.0.0.1:1/jwks.json",
      HSA_JWT_ISSUER: "i",
      HSA_JWT_AUDIENCE: "a",
    };
    const secret = jwtSecretFromEnv(env);
    expect(secret.length).toBeGreaterThanOrEqual(32);
    const verify = tokenVerifierFromEnv(secret, env);
    const t = await mintToken({ sub: "x", scope: "000000" }, secret);
    await expect(verify(t)).rejects.toMatchObject({ extensions: { code: "UNAUTHENTICATED" } });
  });
});
