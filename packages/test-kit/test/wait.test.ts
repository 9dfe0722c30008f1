import { createServer } from "node:net";
import { describe, expect, it } from "vitest";
import { getFreePort, waitFor } from "../src/index";

describe("getFreePort", () => {
  it("returns a port that can be listened on", async () => {
    const port = await getFreePort();
    expect(port).toBeGreaterThan(0);
    const srv = createServer();
    await new Promise<void>((resolve, reject) => {
      srv.once("error", reject);
      srv.listen(port, "127.0.0.1", resolve);
    });
    await new Promise<void>((resolve) => srv.close(() => resolve()));
  });
});

describe("waitFor", () => {
  it("resolves once the condition holds", async () => {
    let n = 0;
    await waitFor(async () => ++n >= 3, { intervalMs: 5 });
    expect(n).toBe(3);
  });

  it("treats exceptions as not-yet and times out with a message", async () => {
    await expect(
      waitFor(
        async () => {
          throw new Error("boom");
        },
        { timeoutMs: 50, intervalMs: 10, what: "the thing" },
      ),
    ).rejects.toThrow(/waiting for the thing: boom/);
  });
});
