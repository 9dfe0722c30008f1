// The reporting workflow's and the audit's tables as every subgraph's migrations create them
// (sql/reporting-workflow.sql and sql/audit-event.sql), for a test's schema of its own. The
// workflow migration's ALTER of the legacy audit_log (which audit_event has replaced) is left out.
import { readFileSync } from "node:fs";

export function workflowDdl(schema: string): string[] {
  return ["audit-event.sql", "reporting-workflow.sql"].flatMap((file) =>
    readFileSync(new URL(`../sql/${file}`, import.meta.url), "utf8")
      .replaceAll("{schema}", schema)
      .split("--> statement-breakpoint")
      .filter((statement) => !statement.includes('"audit_log"')),
  );
}
