// Upgrading a database created at the old schema, on PGlite and PostgreSQL: each subgraph's former
// audit table (audit_log, in three shapes) moves into audit_event, the one audit shape, keeping ids
// and times. Enrollment and procurement (journaled): after the upgrade their audit fields answer for
// the old rows exactly as before, and new changes get ids after them. Supervision and payment: their
// pending copy migrations (drizzle/pending, not journaled yet) applied to a database at today's schema.
import { randomBytes, randomUUID } from "node:crypto";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type DbHandle, openDatabase, rowsOf } from "@hsa/db";
import { migrationsFolder as enrollmentMigrations, enrollmentModule } from "@hsa/enrollment";
import { migrationsFolder as paymentMigrations } from "@hsa/payment-reform";
import { migrationsFolder as procurementMigrations, procurementModule } from "@hsa/procurement";
import type { RunningService } from "@hsa/subgraph-kit";
import { migrationsFolder as supervisionMigrations } from "@hsa/supervision";
import { createDatabaseAt } from "@hsa/test-kit";
import { afterAll, afterEach, describe, expect, inject, it } from "vitest";
import { type DbKind, gql, SECRET, token } from "./stack";

interface Journal {
  entries: { idx: number; version: string; when: number; tag: string; breakpoints: boolean }[];
}

const temps: string[] = [];
afterAll(() => {
  for (const t of temps) rmSync(t, { recursive: true, force: true });
});

/**
 * A copy of a migrations folder whose journal keeps the entries `keep` accepts, plus optionally a
 * pending migration journaled last (as drizzle-kit would add it).
 */
function folderCopy(folder: string, keep: (tag: string) => boolean, pending?: string): string {
  const dir = mkdtempSync(join(tmpdir(), "audit-upgrade-"));
  temps.push(dir);
  cpSync(folder, dir, { recursive: true });
  const path = join(dir, "meta", "_journal.json");
  const journal = JSON.parse(readFileSync(path, "utf8")) as Journal;
  journal.entries = journal.entries.filter((e) => keep(e.tag));
  if (pending) {
    const last = journal.entries.at(-1) as Journal["entries"][number];
    const tag = `${String(last.idx + 1).padStart(4, "0")}_audit_event`;
    journal.entries.push({ ...last, idx: last.idx + 1, when: last.when + 1, tag });
    writeFileSync(join(dir, `${tag}.sql`), readFileSync(pending));
  }
  writeFileSync(path, JSON.stringify(journal));
  return dir;
}

const beforeAudit = (tag: string) => !tag.endsWith("_audit_event");
const all = () => true;

async function open(kind: DbKind, subgraph: string): Promise<DbHandle> {
  if (kind === "pglite") return openDatabase({ subgraph, pgliteDataDir: "memory://" });
  const url = await createDatabaseAt(inject("pgUrl"), `audit_${randomBytes(6).toString("hex")}`);
  return openDatabase({ subgraph, databaseUrl: url, poolSize: 2 });
}

const rows = async (h: DbHandle, text: string) => rowsOf<Record<string, unknown>>(await h.db.execute(text));
const exists = async (h: DbHandle, table: string) =>
  (await rows(h, `select to_regclass('${table}')::text as t`))[0]?.t !== null;

const IMPORT = randomUUID();
const at = (i: number) => new Date(Date.UTC(2024, 3, 2, i)).toISOString();

const handles: DbHandle[] = [];
const services: RunningService[] = [];
afterEach(async () => {
  for (const s of services.splice(0)) await s.stop();
  for (const h of handles.splice(0)) await h.close();
});

describe.each(["pglite", "postgres"] as DbKind[])(
  "audit_event upgrade (%s)",
  { timeout: 180_000 },
  (kind) => {
    it("enrollment: audit_log rows answer enrollmentAudit as before; new entries follow them", async () => {
      const h = await open(kind, "enrollment");
      handles.push(h);
      await h.migrate(folderCopy(enrollmentMigrations, beforeAudit), "enrollment", {
        resolveFrom: enrollmentMigrations,
      });
      await h.db.execute(`insert into enrollment.audit_log
      (id, at, actor_sub, actor_name, action, region_code, quarter, old_value, new_value, source) values
      (3, '${at(1)}', 'ewenki', '鄂温克旗', 'reportEnrollment', '150724', '2024Q1', null, '{"insuredEmployee": 41200}', null),
      (8, '${at(2)}', 'ewenki', '鄂温克旗', 'importEnrollment', '150724', '2024Q1', '{"insuredEmployee": 41200}',
        '{"insuredEmployee": 41205}', 'import ${IMPORT} (fix.csv)'),
      (9, '${at(3)}', 'ewenki', '鄂温克旗', 'reportEnrollment', '150724', '2024Q2', null, '{"insuredEmployee": 41300}',
        'mutation reportEnrollment'),
      (10, '${at(4)}', 'hailar', '海拉尔区', 'reportEnrollment', '150702', '2024Q1', null, '{"insuredEmployee": 1}',
        'mutation reportEnrollment')`);
      const service = await enrollmentModule.start({ handle: h, port: 0, jwtSecret: SECRET });
      services.push(service);
      expect(await exists(h, "enrollment.audit_log")).toBe(false);

      const viewer = await token({ sub: "v", name: "v", scope: "150724", roles: ["viewer"] });
      const AUDIT = `query($q: Quarter) { enrollmentAudit(regionCode: "150724", quarter: $q) {
      id at actorSub actorName action regionCode quarter oldValue newValue source } }`;
      const history = await gql<{ enrollmentAudit: Record<string, unknown>[] }>(
        service.url,
        AUDIT,
        {},
        viewer,
      );
      expect(history.errors).toBeUndefined();
      const hour: Record<number, number> = { 3: 1, 8: 2, 9: 3 };
      const entry = (
        id: number,
        action: string,
        quarter: string,
        o: string | null,
        n: string,
        source: string | null,
      ) => ({
        id: String(id),
        at: at(hour[id] as number),
        actorSub: "ewenki",
        actorName: "鄂温克旗",
        action,
        regionCode: "150724",
        quarter,
        oldValue: o,
        newValue: n,
        source,
      });
      expect(history.data?.enrollmentAudit).toEqual([
        entry(
          9,
          "reportEnrollment",
          "2024Q2",
          null,
          '{"insuredEmployee":41300}',
          "mutation reportEnrollment",
        ),
        entry(
          8,
          "importEnrollment",
          "2024Q1",
          '{"insuredEmployee":41200}',
          '{"insuredEmployee":41205}',
          `import ${IMPORT} (fix.csv)`,
        ),
        entry(3, "reportEnrollment", "2024Q1", null, '{"insuredEmployee":41200}', null),
      ]);
      const q1 = await gql<{ enrollmentAudit: { id: string }[] }>(
        service.url,
        AUDIT,
        { q: "2024Q1" },
        viewer,
      );
      expect(q1.data?.enrollmentAudit.map((e) => e.id)).toEqual(["8", "3"]);
      const [moved] = await rows(h, "select kind, key, import_id from enrollment.audit_event where id = 8");
      expect(moved).toEqual({
        kind: "enrollment",
        key: { regionCode: "150724", quarter: "2024Q1" },
        import_id: IMPORT,
      });

      // a new report is audited after the old rows
      const reporter = await token({ sub: "ewenki", name: "鄂温克旗", scope: "150724", roles: ["reporter"] });
      const input = {
        regionCode: "150724",
        quarter: "2024Q3",
        insuredEmployee: 41_400,
        insuredResident: 100_000,
        registeredPopulation: 150_000,
        evoucherActivated: 90_000,
        settlementsTotal: 5_000,
        settlementsEvoucher: 4_000,
        remoteRegistrations: 300,
        remoteHospitalisations: 320,
        subsidisedPersons: 1_000,
        subsidyAmountYuan: "971700.00",
      };
      const written = await gql(
        service.url,
        "mutation($input: EnrollmentReportInput!) { reportEnrollment(input: $input) { changed } }",
        { input },
        reporter,
      );
      expect(written.errors).toBeUndefined();
      const q3 = await gql<{ enrollmentAudit: { id: string; source: string }[] }>(
        service.url,
        AUDIT,
        { q: "2024Q3" },
        viewer,
      );
      expect(q3.data?.enrollmentAudit).toEqual([
        expect.objectContaining({ id: "11", source: "mutation reportEnrollment" }),
      ]);
    });

    it("procurement: audit_log entity keys become kinds and keys; procurementAudit answers as before", async () => {
      const h = await open(kind, "procurement");
      handles.push(h);
      await h.migrate(folderCopy(procurementMigrations, beforeAudit), "procurement", {
        resolveFrom: procurementMigrations,
      });
      await h.db.execute(`insert into procurement.audit_log
      (id, at, actor_sub, actor_name, action, entity_key, old_value, new_value, source) values
      (4, '${at(4)}', 'ewenki', '鄂温克旗', 'importPurchases', 'purchase:150724-H-001:2024Q1:DRUG', null,
        '{"totalFen": "874890000"}', 'import ${IMPORT} (采购.csv)'),
      (5, '${at(5)}', 'ewenki', '鄂温克旗', 'reportVbpProgress', 'vbp:150724-H-001:national-7-01:2024Q1',
        '{"purchasedVolume": 10}', '{"purchasedVolume": 12}', 'mutation reportVbpProgress'),
      (6, '${at(6)}', 'ewenki', '鄂温克旗', 'reportPurchases', 'purchase:150724-H-002:2024Q1:DRUG', null,
        '{"totalFen": "1"}', 'mutation reportPurchases'),
      (7, '${at(7)}', 'ewenki', '鄂温克旗', 'reportPurchases', 'purchase:150724-H-001:2023Q4:CONSUMABLE_SEPARATE',
        null, '{"totalFen": "2"}', null)`);
      const service = await procurementModule.start({
        handle: h,
        port: 0,
        jwtSecret: SECRET,
        peers: { supervision: "http://127.0.0.1:9/graphql" },
      });
      services.push(service);
      expect(await exists(h, "procurement.audit_log")).toBe(false);

      const viewer = await token({ sub: "v", name: "v", scope: "150724", roles: ["viewer"] });
      const AUDIT = `query($q: Quarter) { procurementAudit(institutionId: "150724-H-001", quarter: $q) {
      id at action entityKey oldValue newValue source } }`;
      const history = await gql<{ procurementAudit: Record<string, unknown>[] }>(
        service.url,
        AUDIT,
        {},
        viewer,
      );
      expect(history.errors).toBeUndefined();
      expect(history.data?.procurementAudit).toEqual([
        {
          id: "7",
          at: at(7),
          action: "reportPurchases",
          entityKey: "purchase:150724-H-001:2023Q4:CONSUMABLE_SEPARATE",
          oldValue: null,
          newValue: '{"totalFen":"2"}',
          source: null,
        },
        {
          id: "5",
          at: at(5),
          action: "reportVbpProgress",
          entityKey: "vbp:150724-H-001:national-7-01:2024Q1",
          oldValue: '{"purchasedVolume":10}',
          newValue: '{"purchasedVolume":12}',
          source: "mutation reportVbpProgress",
        },
        {
          id: "4",
          at: at(4),
          action: "importPurchases",
          entityKey: "purchase:150724-H-001:2024Q1:DRUG",
          oldValue: null,
          newValue: '{"totalFen":"874890000"}',
          source: `import ${IMPORT} (采购.csv)`,
        },
      ]);
      const q1 = await gql<{ procurementAudit: { id: string }[] }>(
        service.url,
        AUDIT,
        { q: "2024Q1" },
        viewer,
      );
      expect(q1.data?.procurementAudit.map((e) => e.id)).toEqual(["5", "4"]);
      expect(
        await rows(
          h,
          "select id::int, kind, key, region_code, quarter from procurement.audit_event order by id",
        ),
      ).toEqual([
        {
          id: 4,
          kind: "purchases",
          key: { institutionId: "150724-H-001", quarter: "2024Q1", category: "DRUG" },
          region_code: "150724",
          quarter: "2024Q1",
        },
        {
          id: 5,
          kind: "vbp-progress",
          key: { institutionId: "150724-H-001", productId: "national-7-01", quarter: "2024Q1" },
          region_code: "150724",
          quarter: "2024Q1",
        },
        {
          id: 6,
          kind: "purchases",
          key: { institutionId: "150724-H-002", quarter: "2024Q1", category: "DRUG" },
          region_code: "150724",
          quarter: "2024Q1",
        },
        {
          id: 7,
          kind: "purchases",
          key: { institutionId: "150724-H-001", quarter: "2023Q4", category: "CONSUMABLE_SEPARATE" },
          region_code: "150724",
          quarter: "2023Q4",
        },
      ]);
    });

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

    it("payment (pending migration): every entity key becomes a kind, a key and a region", async () => {
      const h = await open(kind, "payment");
      handles.push(h);
      await h.migrate(paymentMigrations, "payment");
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
      await h.migrate(
        folderCopy(paymentMigrations, all, join(paymentMigrations, "pending", "audit_event.sql")),
        "payment",
        { resolveFrom: paymentMigrations },
      );
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
          key: { pool: "150700", year: "2024" },
          region_code: "150700",
          quarter: null,
          new_value: { n: 1 },
        },
        {
          id: 3,
          kind: "coefficient",
          key: { pool: "150700", year: "2024", grade: "III" },
          region_code: "150700",
          quarter: null,
          new_value: { n: 2 },
        },
        {
          id: 4,
          kind: "budget",
          key: { kind: "INSTITUTION", key: "150724-H-001", year: "2024" },
          region_code: "150724",
          quarter: null,
          new_value: { n: 3 },
        },
        {
          id: 5,
          kind: "budget_spend",
          key: { budgetId: budget?.id, quarter: "2024Q2" },
          region_code: "150724",
          quarter: "2024Q2",
          new_value: { n: 4 },
        },
      ]);
    });
  },
);
