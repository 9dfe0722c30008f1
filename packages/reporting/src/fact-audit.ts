// The audit of a command (e.g. running, closing or reopening a DIP settlement): the same event shape
// as every declared fact's write (AuditEvent) and the same `audit: { table, row }` mapping onto the
// subgraph's audit table, for changes that are computed or transitions rather than reported figures.

import type { PgTable } from "drizzle-orm/pg-core";
import type { AuditEvent } from "./fact-write";
import type { Tx } from "./import-kind";

export interface CommandAudit {
  actor: { sub: string; name: string; roles?: readonly string[]; scope?: string };
  /** what changed, e.g. "dip_settlement" (default: the action) */
  kind?: string;
  /** the changed entity's key values (default: none beyond entityKey) */
  key?: Record<string, string | number | null>;
  /** the mutation, e.g. "runDipSettlement" (source: "mutation <action>") */
  action: string;
  entityKey: string;
  /** the region the command acts on (e.g. the pool); quarter "" unless it is one */
  regionCode: string;
  quarter?: string;
  /** JSON-safe; a command's value may nest (e.g. a settlement's lines) */
  oldValue: Record<string, unknown> | null;
  newValue: Record<string, unknown>;
}

/** Records one command's change through a fact declaration's audit mapping, inside its transaction. */
export async function auditCommand(
  tx: Tx,
  audit: { table: PgTable; row(e: AuditEvent): Record<string, unknown> },
  c: CommandAudit,
): Promise<void> {
  const event: AuditEvent = {
    actorSub: c.actor.sub,
    actorName: c.actor.name,
    actorRoles: c.actor.roles ? [...c.actor.roles] : null,
    actorScope: c.actor.scope ?? null,
    action: c.action,
    kind: c.kind ?? c.action,
    key: c.key ?? {},
    importId: null,
    source: `mutation ${c.action}`,
    entityKey: c.entityKey,
    regionCode: c.regionCode,
    quarter: c.quarter ?? "",
    oldValue: c.oldValue as AuditEvent["oldValue"],
    newValue: c.newValue as AuditEvent["newValue"],
  };
  await tx.insert(audit.table).values(audit.row(event));
}
