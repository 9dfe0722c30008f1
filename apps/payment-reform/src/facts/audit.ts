// How payment's commands (settlement runs) audit into audit_event, the one audit shape of every
// subgraph (the declared facts write it by default): a command has no quarter (null, not "").
import { type AuditEvent, auditEventRow } from "@hsa/reporting";
import { auditEvent } from "../db/schema";

export const paymentAudit = {
  table: auditEvent,
  row: (e: AuditEvent) => ({ ...auditEventRow(e), quarter: e.quarter || null }),
};
