// The audit of a command (e.g. running, closing or reopening a DIP settlement): the same row shape as
// every declared fact's write, in the same `audit_event` of the subgraph's schema, for changes that
// are computed or transitions rather than reported figures.

import type { Tx } from "./import-kind";
import type { AuditTable } from "./tables";

export interface CommandAudit {
  actor: { sub: string; name: string; roles?: readonly string[]; scope?: string };
  /** what changed, e.g. "dip_settlement" (default: the action) */
  kind?: string;
  /**
   * the changed entity's key values (default: none); readers show the entity as
   * `<kind>:<key values joined by ":">` (auditHistory), e.g. "dip_settlement:150700:2024"
   */
  key?: Record<string, string | number | null>;
  /** the mutation, e.g. "runDipSettlement" (source: "mutation <action>") */
  action: string;
  /** the region the command acts on (e.g. the pool); quarter null unless it is one */
  regionCode: string;
  quarter?: string;
  /** JSON-safe; a command's value may nest (e.g. a settlement's lines) */
  oldValue: Record<string, unknown> | null;
  newValue: Record<string, unknown>;
}

/**
 * Records one command's change as an `audit_event` row (`auditTable` of the subgraph's schema, the
 * table its facts audit into: `Fact.auditTable`), inside the command's transaction.
 */
export async function auditCommand(tx: Tx, table: AuditTable, c: CommandAudit): Promise<void> {
  await tx.insert(table).values({
    actorSub: c.actor.sub,
    actorName: c.actor.name,
    actorRoles: c.actor.roles ? [...c.actor.roles] : null,
    actorScope: c.actor.scope ?? null,
    action: c.action,
    kind: c.kind ?? c.action,
    key: c.key ?? {},
    regionCode: c.regionCode,
    quarter: c.quarter ?? null,
    oldValue: c.oldValue,
    newValue: c.newValue,
    source: `mutation ${c.action}`,
    importId: null,
  });
}
