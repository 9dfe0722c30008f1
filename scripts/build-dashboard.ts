// Builds the dashboard's production bundle when it is missing or stale (`npm start` runs this in a
// child process while the demo data loads, so vite's time and memory overlap the load instead of
// following it, and its memory is returned when it exits).
import { buildDashboard, needsBuild } from "@hsa/dashboard/server";

const say = (line: string) => process.stderr.write(`[hsa] ${line}\n`);
if (process.argv.includes("--force") || (await needsBuild())) await buildDashboard(say);
