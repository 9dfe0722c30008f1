-- One audit shape (issue 16): an audit row of a fact outside the county quarterly report (a global
-- budget, a coefficient, a settlement) has quarter NULL, as the rows migrated into audit_event
-- (0006) and the settlement runs always had; declared facts wrote '' for them before.
UPDATE "payment"."audit_event" SET "quarter" = NULL WHERE "quarter" = '';
