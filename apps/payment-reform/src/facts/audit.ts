// How payment's audit_log holds the one audit shape (AuditEvent) of every declared fact and command:
// it has no region or quarter columns (the entity key names them); source "mutation <name>" or
// "import <id> (<file>)".
import type { AuditEvent } from "@hsa/reporting";
import { auditLog } from "../db/schema";

export const paymentAudit = {
  table: auditLog,
  row: ({ regionCode: _r, quarter: _q, ...e }: AuditEvent) => e,
};
