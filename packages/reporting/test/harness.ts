// What the PGlite tests of defineFact share: a schema of their own with the reporting workflow's and
// the audit's tables as every subgraph's migrations create them (sql/reporting-workflow.sql and sql/audit-event.sql; the
// workflow migration's ALTER of the legacy audit_log, which audit_event has replaced, left out),
// callers, their resolver context, and the audit history as a test reads it.
import { readFileSync } from "node:fs";
import { type Database, openDatabase } from "@hsa/db";
import type { Principal, Role, SubgraphContext } from "@hsa/subgraph-kit";
import { sql } from "drizzle-orm";
import { pgSchema } from "drizzle-orm/pg-core";
import type { GraphQLError } from "graphql";
import pino from "pino";
import { auditHistory, createWorkflow, type Fact, reportedKeysIn } from "../src";
import { reportingTables } from "../src/tables";
import type { FactSource } from "../src/workflow";

export function workflowDdl(schema: string): string[] {
  return ["audit-event.sql", "reporting-workflow.sql"].flatMap((file) =>
    readFileSync(new URL(`../sql/${file}`, import.meta.url), "utf8")
      .replaceAll("{schema}", schema)
      .split("--> statement-breakpoint")
      .filter((statement) => !statement.includes('"audit_log"')),
  );
}

/**
 * A test's own schema in an in-memory PGlite: its tables (`ddl`), then the workflow and audit tables,
 * and the workflow over them, whose reported keys are those of `reported`.
 */
export async function openFactSchema(schema: string, ddl: readonly string[], reported: FactSource) {
  const handle = await openDatabase({ subgraph: schema, pgliteDataDir: "memory://" });
  const db = handle.db;
  await db.execute(sql.raw(`create schema ${schema}`));
  for (const statement of [...ddl, ...workflowDdl(schema)]) await db.execute(sql.raw(statement));
  const { reportState, reportEvent, reportImport } = reportingTables(pgSchema(schema));
  const workflow = createWorkflow({
    domain: schema,
    db,
    tables: { reportState, reportEvent, reportImport },
    reportedKeys: reportedKeysIn(reported),
  });
  return { handle, db, workflow };
}

/** A caller of a region (default role reporter). */
export const principal = (scope: string, roles: Role[] = ["reporter"]): Principal => ({
  sub: `u-${scope}`,
  name: `u-${scope}`,
  scope,
  roles,
});

/** The resolver context of a caller (a silent log). */
export const ctxOf = (p: Principal) =>
  ({ principal: p, log: pino({ level: "silent" }) }) as unknown as SubgraphContext;

/** The GraphQL error code of a refusal. */
export const codeOf = (e: unknown) => (e as GraphQLError).extensions?.code;

/** Every audit entry of these facts as auditHistory answers it, oldest first, values parsed. */
export const auditsOf = async (db: Database, facts: readonly Fact[]) =>
  (await auditHistory(db, { facts })).reverse().map((e) => ({
    ...e,
    oldValue: e.oldValue === null ? null : JSON.parse(e.oldValue),
    newValue: JSON.parse(e.newValue),
  }));
