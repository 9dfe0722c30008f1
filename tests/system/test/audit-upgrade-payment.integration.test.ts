// audit_log → audit_event on PGlite and PostgreSQL for payment (0006_audit_event, applied to a
// database migrated up to the migration before it): every audit_log row moves into audit_event with
// its id, time, and the kind and key the declared facts write. (Enrollment, procurement and
// supervision, through their audit fields: audit-upgrade.)
import type { DbHandle } from "@hsa/db";
import { migrationsFolder as paymentMigrations } from "@hsa/payment-reform";
import { afterEach, describe, expect, it } from "vitest";
import { at, beforeAudit, exists, folderCopy, open, rows } from "./audit-upgrade.helpers";
import type { DbKind } from "./stack";

const handles: DbHandle[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
});

describe.each(["pglite", "postgres"] as DbKind[])(
  "audit_event upgrade, payment (%s)",
  { timeout: 180_000 },
  (kind) => {
    it("payment: every entity key becomes a kind, a key and a region", async () => {
      const h = await open(kind, "payment");
      handles.push(h);
      await h.migrate(folderCopy(paymentMigrations, beforeAudit), "payment", {
        resolveFrom: paymentMigrations,
      });
      const [budget] = await rows(
        h,
        `insert into payment.global_budget (kind, pooling_area, region_code, key, name, year, budget_fen,
         surplus_retained_share, overspend_shared_share, updated_by)
       values ('INSTITUTION', '150700', '150724', '150724-H-001', '鄂温克旗人民医院', 2024, 100, 0.5, 0.5, 'x')
       returning id::text`,
      );
      const keys = [
        "dip_case:150724-H-001:2024Q1:A01:1",
        "dip_settlement:150700:2024",
        "coefficient:150700:2024:III",
        "budget:INSTITUTION:150724-H-001:2024",
        `budget_spend:${budget?.id}:2024Q2`,
      ];
      await h.db.execute(`insert into payment.audit_log
      (id, at, actor_sub, actor_name, action, entity_key, old_value, new_value, source) values
      ${keys.map((k, i) => `(${i + 1}, '${at(i)}', 'u', 'u', 'a${i}', '${k}', null, '{"n": ${i}}', 'mutation a${i}')`).join(",\n")}`);
      await h.migrate(paymentMigrations, "payment");
      expect(await exists(h, "payment.audit_log")).toBe(false);
      expect(
        await rows(
          h,
          "select id::int, kind, key, region_code, quarter, new_value from payment.audit_event order by id",
        ),
      ).toEqual([
        {
          id: 1,
          kind: "dip-cases",
          key: { institutionId: "150724-H-001", quarter: "2024Q1", groupCode: "A01:1" },
          region_code: "150724",
          quarter: "2024Q1",
          new_value: { n: 0 },
        },
        {
          id: 2,
          kind: "dip_settlement",
          key: { pool: "150700", year: 2024 },
          region_code: "150700",
          quarter: null,
          new_value: { n: 1 },
        },
        {
          id: 3,
          kind: "institution-coefficient",
          key: { poolingArea: "150700", year: 2024, grade: "III" },
          region_code: "150700",
          quarter: null,
          new_value: { n: 2 },
        },
        {
          id: 4,
          kind: "global-budget",
          key: { kind: "INSTITUTION", key: "150724-H-001", year: 2024 },
          region_code: "150724",
          quarter: null,
          new_value: { n: 3 },
        },
        {
          id: 5,
          kind: "budget-spend",
          key: { budgetId: Number(budget?.id), quarter: "2024Q2" },
          region_code: "150724",
          quarter: "2024Q2",
          new_value: { n: 4 },
        },
      ]);
    });
  },
);
