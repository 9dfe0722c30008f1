// audit_log → audit_event on PGlite and PostgreSQL for supervision (its copy migration is still pending
// in drizzle/pending: its inspections' writes are being moved onto defineFact) and payment (journaled
// 0006_audit_event, applied to a database migrated up to 0005): every audit_log row moves into
// audit_event with its id, time, and the kind and key the declared facts write.
import { join } from "node:path";
import type { DbHandle } from "@hsa/db";
import { migrationsFolder as paymentMigrations } from "@hsa/payment-reform";
import { migrationsFolder as supervisionMigrations } from "@hsa/supervision";
import { afterEach, describe, expect, it } from "vitest";
import { all, at, beforeAudit, exists, folderCopy, IMPORT, open, rows } from "./audit-upgrade.helpers";
import type { DbKind } from "./stack";

const handles: DbHandle[] = [];
afterEach(async () => {
  for (const h of handles.splice(0)) await h.close();
});

describe.each(["pglite", "postgres"] as DbKind[])(
  "audit_event upgrade, pending migrations (%s)",
  { timeout: 180_000 },
  (kind) => {
    it("supervision (pending migration): institutions' and inspections' audit rows move over", async () => {
      const h = await open(kind, "supervision");
      handles.push(h);
      await h.migrate(supervisionMigrations, "supervision");
      await h.db.execute(`insert into supervision.institution
      (id, name, kind, ownership, region_code, agreement_status, agreement_start) values
      ('150724-H-001', '鄂温克旗人民医院', 'HOSPITAL', 'PUBLIC', '150724', 'ACTIVE', '2020-01-01')`);
      const [inspection] = await rows(
        h,
        `insert into supervision.inspection (institution_id, region_code, inspected_on, quarter, kind, findings, recorded_by)
       values ('150724-H-001', '150724', '2024-05-06', '2024Q2', 'ROUTINE', '无', 'ewenki') returning id::text`,
      );
      await h.db.execute(`insert into supervision.audit_log
      (id, at, actor_sub, actor_name, action, entity, entity_id, region_code, old_value, new_value, source) values
      (2, '${at(2)}', 'ewenki', '鄂温克旗', 'registerInstitution', 'institution', '150724-H-001', '150724', null,
        '{"name": "鄂温克旗人民医院"}', 'mutation registerInstitution'),
      (5, '${at(5)}', 'ewenki', '鄂温克旗', 'importInspections', 'inspection', '${inspection?.id}', '150724', null,
        '{"findings": "无"}', 'import ${IMPORT} (检查.csv)')`);
      await h.migrate(
        folderCopy(supervisionMigrations, all, join(supervisionMigrations, "pending", "audit_event.sql")),
        "supervision",
        { resolveFrom: supervisionMigrations },
      );
      expect(await exists(h, "supervision.audit_log")).toBe(false);
      expect(
        await rows(
          h,
          `select id::int, (extract(epoch from occurred_at) * 1000)::bigint::text as ms, action, kind, key, region_code,
           quarter, new_value, source, import_id from supervision.audit_event order by id`,
        ),
      ).toEqual([
        {
          id: 2,
          ms: String(Date.parse(at(2))),
          action: "registerInstitution",
          kind: "institution",
          key: { id: "150724-H-001" },
          region_code: "150724",
          quarter: null,
          new_value: { name: "鄂温克旗人民医院" },
          source: "mutation registerInstitution",
          import_id: null,
        },
        {
          id: 5,
          ms: String(Date.parse(at(5))),
          action: "importInspections",
          kind: "inspection",
          key: { id: inspection?.id },
          region_code: "150724",
          quarter: "2024Q2",
          new_value: { findings: "无" },
          source: `import ${IMPORT} (检查.csv)`,
          import_id: IMPORT,
        },
      ]);
      const [next] = await rows(
        h,
        `insert into supervision.audit_event (actor_sub, actor_name, action, kind, key, new_value)
       values ('a', 'a', 'registerInstitution', 'institution', '{"id": "x"}', '{}') returning id::int`,
      );
      expect(next?.id).toBe(6);
    });

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
