/** An audit row as every subgraph stores it (who, when, old → new as JSON). */
export interface AuditRow {
  id: number;
  at: Date;
  oldValue: unknown;
  newValue: unknown;
}

/** The GraphQL shape of audit entries: string id, ISO time, old and new values as JSON text. */
export function auditEntryToGraphQL<R extends AuditRow>(r: R) {
  return {
    ...r,
    id: String(r.id),
    at: r.at.toISOString(),
    oldValue: r.oldValue === null ? null : JSON.stringify(r.oldValue),
    newValue: JSON.stringify(r.newValue),
  };
}
