import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { mintToken, verifyToken } from "../src/auth";
import {
  DEFAULT_REVOCATION_POLL_MS,
  pollInterval,
  RevocationPoller,
  withRevocation,
} from "../src/revocation";

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

describe("polling the gateway's revoked-token list", () => {
  /** A real HTTP server for GET /auth/revoked that can be taken down and brought back. */
  async function gatewayStandIn() {
    let up = true;
    const server = createServer((_req, res) => {
      if (!up) {
        res.writeHead(503).end();
        return;
      }
      res
        .writeHead(200, { "content-type": "application/json" })
        .end(JSON.stringify({ revoked: ["tok_gone"] }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const { port } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${port}/auth/revoked`,
      set: (v: boolean) => {
        up = v;
      },
      close: () => new Promise<void>((r) => server.close(() => r())),
    };
  }

  /** A pino logger whose warnings are collected (what an operator would read). */
  function logLines() {
    const lines: { msg: string }[] = [];
    const log = pino({ level: "warn" }, { write: (s: string) => void lines.push(JSON.parse(s)) });
    return { log, lines };
  }

  it("stays quiet while a gateway it never reached is starting (npm start's demo load), then says so once", async () => {
    const gw = await gatewayStandIn();
    gw.set(false);
    const { log, lines } = logLines();
    const starting = new RevocationPoller(gw.url, log, 100, 60_000);
    await starting.poll();
    await starting.poll();
    expect(lines).toEqual([]);
    // past the start grace without ever an answer: a misconfigured URL is said, once
    const misconfigured = new RevocationPoller(gw.url, log, 100, 0);
    await misconfigured.poll();
    await misconfigured.poll();
    expect(lines.map((l) => l.msg)).toEqual([expect.stringContaining("never reached since start")]);
    await gw.close();
  });

  it("keeps the last list through an outage of a gateway it had reached, saying so once per outage", async () => {
    const gw = await gatewayStandIn();
    const { log, lines } = logLines();
    const poller = new RevocationPoller(gw.url, log, 100, 60_000);
    await poller.poll();
    expect(poller.has("tok_gone")).toBe(true);
    gw.set(false);
    await poller.poll();
    await poller.poll();
    expect(poller.has("tok_gone")).toBe(true);
    expect(lines.map((l) => l.msg)).toEqual(["revoked-token list unavailable; keeping the last one"]);
    gw.set(true);
    await poller.poll();
    gw.set(false);
    await poller.poll();
    expect(lines).toHaveLength(2);
    await gw.close();
  });
});
