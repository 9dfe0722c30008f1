// Prints the gzip size of the JS the first view ships (builds first when dist/ is stale).
import { buildDashboard, needsBuild } from "../server/index";
import { firstViewSize, kB } from "../server/size";

if (process.argv.includes("--build") || (await needsBuild())) await buildDashboard();
const s = await firstViewSize();
for (const a of [...s.js, ...s.css])
  console.log(`first view  ${a.file.padEnd(36)} ${kB(a.bytes).padStart(10)}  gzip ${kB(a.gzip)}`);
for (const a of s.lazy)
  console.log(`on demand   ${a.file.padEnd(36)} ${kB(a.bytes).padStart(10)}  gzip ${kB(a.gzip)}`);
console.log(`first-view JS: ${kB(s.jsGzip)} gzip (budget 450 kB); CSS ${kB(s.cssGzip)} gzip`);
if (s.jsGzip > 450_000) process.exitCode = 1;
