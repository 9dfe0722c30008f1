// Upgrading a database created at the old schema, on PGlite and PostgreSQL: enrollment's and
// procurement's former audit tables (audit_log, in two shapes) move into audit_event, the one audit
// shape, keeping ids and times; after the upgrade their audit fields answer for the old rows exactly
// as before, and new changes get ids after them. (Supervision and payment: audit-upgrade-pending.)
import type { DbHandle } from "@hsa/db";
import { migrationsFolder as enrollmentMigrations, enrollmentModule } from "@hsa/enrollment";
import { migrationsFolder as procurementMigrations, procurementModule } from "@hsa/procurement";
import type { RunningService } from "@hsa/subgraph-kit";
import { afterEach, describe, expect, it } from "vitest";
import { at, beforeAudit, exists, folderCopy, IMPORT, open, rows } from "./audit-upgrade.helpers";
import { type DbKind, gql, SECRET, token } from "./stack";

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
  },
);
