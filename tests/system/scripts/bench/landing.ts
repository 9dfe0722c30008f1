// Child process of the bench: the dashboard's landing view as a closed loop of page loads — each
// "page" sends the four Dashboard_<domain> queries at once (as the dashboard does) and ends when the
// last answers. BENCH_LANDING = {url, token, bodies[], connections, seconds}; prints JSON stats.
const cfg = JSON.parse(process.env.BENCH_LANDING ?? "{}") as {
  url: string;
  token: string;
  bodies: string[];
  connections: number;
  seconds: number;
};

async function page(): Promise<void> {
  await Promise.all(
    cfg.bodies.map(async (body) => {
      const res = await fetch(cfg.url, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${cfg.token}` },
        body,
      });
      const json = (await res.json()) as { errors?: unknown };
      if (json.errors) throw new Error(JSON.stringify(json.errors).slice(0, 500));
    }),
  );
}

for (let i = 0; i < 2; i++) await page(); // warm-up
const latencies: number[] = [];
const end = performance.now() + cfg.seconds * 1000;
const started = performance.now();
let errors = 0;
await Promise.all(
  Array.from({ length: cfg.connections }, async () => {
    while (performance.now() < end) {
      const t = performance.now();
      try {
        await page();
        latencies.push(performance.now() - t);
      } catch (err) {
        errors += 1;
        if (errors === 1) console.error(String(err));
      }
    }
  }),
);
const elapsed = (performance.now() - started) / 1000;
console.log(JSON.stringify({ latencies, elapsed, errors }));
