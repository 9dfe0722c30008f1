// The audit of a command (e.g. running, closing or reopening a DIP settlement): the same event shape
// as every declared fact's write (AuditEvent) and the same `audit: { table, row }` mapping onto the
// subgraph's audit table, for changes that are computed or transitions rather than reported figures.

import type { FactDeclaration } from "./define-fact";
import type { AuditEvent } from "./fact-write";
import type { Tx } from "./import-kind";

export interface CommandAudit {
  actor: { sub: string; name: string };
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
export async function auditCommand(tx: Tx, audit: FactDeclaration["audit"], c: CommandAudit): Promise<void> {
  const event: AuditEvent = {
    actorSub: c.actor.sub,
    actorName: c.actor.name,
    action: c.action,
    source: `mutation ${c.action}`,
    entityKey: c.entityKey,
    regionCode: c.regionCode,
    quarter: c.quarter ?? "",
    oldValue: c.oldValue as AuditEvent["oldValue"],
    newValue: c.newValue as AuditEvent["newValue"],
  };
  await tx.insert(audit.table).values(audit.row(event));
}
