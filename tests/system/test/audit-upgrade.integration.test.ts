// Upgrading a database created at the old schema, on PGlite and PostgreSQL: enrollment's,
// procurement's and supervision's former audit tables (audit_log, in three shapes) move into
// audit_event, the one audit shape, keeping ids and times; after the upgrade their audit fields answer
// for the old rows exactly as before, and new changes get ids after them. (Payment, whose entity keys
// become kinds and keys: audit-upgrade-payment.)
import type { DbHandle } from "@hsa/db";
import { migrationsFolder as enrollmentMigrations, enrollmentModule } from "@hsa/enrollment";
import { migrationsFolder as procurementMigrations, procurementModule } from "@hsa/procurement";
import type { RunningService } from "@hsa/subgraph-kit";
import { migrationsFolder as supervisionMigrations, supervisionModule } from "@hsa/supervision";
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

    it("supervision: institutions' and inspections' audit_log rows answer supervisionAudit as before", async () => {
      const h = await open(kind, "supervision");
      handles.push(h);
      await h.migrate(folderCopy(supervisionMigrations, beforeAudit), "supervision", {
        resolveFrom: supervisionMigrations,
      });
      await h.db.execute(`insert into supervision.institution
      (id, name, kind, ownership, region_code, agreement_status, agreement_start) values
      ('150724-H-001', '鄂温克旗人民医院', 'HOSPITAL', 'PUBLIC', '150724', 'ACTIVE', '2020-01-01'),
      ('150702-H-001', '海拉尔区人民医院', 'HOSPITAL', 'PUBLIC', '150702', 'ACTIVE', '2020-01-01')`);
      const [inspection] = await rows(
        h,
        `insert into supervision.inspection (institution_id, region_code, inspected_on, quarter, kind, findings, recorded_by)
       values ('150724-H-001', '150724', '2024-05-06', '2024Q2', 'ROUTINE', '无', 'ewenki') returning id::text`,
      );
      const inspectionId = String(inspection?.id);
      await h.db.execute(`insert into supervision.audit_log
      (id, at, actor_sub, actor_name, action, entity, entity_id, region_code, old_value, new_value, source) values
      (2, '${at(2)}', 'ewenki', '鄂温克旗', 'registerInstitution', 'institution', '150724-H-001', '150724', null,
        '{"name": "鄂温克旗人民医院"}', 'mutation registerInstitution'),
      (4, '${at(4)}', 'hailar', '海拉尔区', 'registerInstitution', 'institution', '150702-H-001', '150702', null,
        '{"name": "海拉尔区人民医院"}', null),
      (5, '${at(5)}', 'ewenki', '鄂温克旗', 'importInspections', 'inspection', '${inspectionId}', '150724', null,
        '{"findings": "无"}', 'import ${IMPORT} (检查.csv)')`);
      const service = await supervisionModule.start({ handle: h, port: 0, jwtSecret: SECRET });
      services.push(service);
      expect(await exists(h, "supervision.audit_log")).toBe(false);

      const viewer = await token({ sub: "v", name: "v", scope: "150724", roles: ["viewer"] });
      const AUDIT = `query($e: ID) { supervisionAudit(regionCode: "150724", entityId: $e) {
      id at actorSub actorName action entity entityId regionCode oldValue newValue source } }`;
      const audit = async (e?: string) => {
        const r = await gql<{ supervisionAudit: Record<string, unknown>[] }>(
          service.url,
          AUDIT,
          { e },
          viewer,
        );
        expect(r.errors).toBeUndefined();
        return r.data?.supervisionAudit;
      };
      const registered = {
        id: "2",
        at: at(2),
        actorSub: "ewenki",
        actorName: "鄂温克旗",
        action: "registerInstitution",
        entity: "institution",
        entityId: "150724-H-001",
        regionCode: "150724",
        oldValue: null,
        newValue: '{"name":"鄂温克旗人民医院"}',
        source: "mutation registerInstitution",
      };
      const imported = {
        id: "5",
        at: at(5),
        actorSub: "ewenki",
        actorName: "鄂温克旗",
        action: "importInspections",
        entity: "inspection",
        entityId: inspectionId,
        regionCode: "150724",
        oldValue: null,
        newValue: '{"findings":"无"}',
        source: `import ${IMPORT} (检查.csv)`,
      };
      // the county's entries, newest first (150702's is outside the region asked for)
      expect(await audit()).toEqual([imported, registered]);
      expect(await audit(inspectionId)).toEqual([imported]);
      expect(await audit("150724-H-001")).toEqual([registered]);
      expect(
        await rows(
          h,
          "select id::int, kind, key, quarter, import_id from supervision.audit_event order by id",
        ),
      ).toEqual([
        { id: 2, kind: "institution", key: { id: "150724-H-001" }, quarter: null, import_id: null },
        { id: 4, kind: "institution", key: { id: "150702-H-001" }, quarter: null, import_id: null },
        { id: 5, kind: "inspection", key: { id: inspectionId }, quarter: "2024Q2", import_id: IMPORT },
      ]);

      // a new agreement change is audited after the old rows, under the same institution
      const reporter = await token({ sub: "ewenki", name: "鄂温克旗", scope: "150724", roles: ["reporter"] });
      const changed = await gql(
        service.url,
        `mutation { updateInstitutionAgreement(input: { institutionId: "150724-H-001", agreementStatus: SUSPENDED }) {
          changed } }`,
        {},
        reporter,
      );
      expect(changed.errors).toBeUndefined();
      expect(await audit("150724-H-001")).toEqual([
        expect.objectContaining({
          id: "6",
          action: "updateInstitutionAgreement",
          entity: "institution",
          entityId: "150724-H-001",
          oldValue: '{"agreementEnd":null,"agreementStatus":"ACTIVE"}',
          source: "mutation updateInstitutionAgreement",
        }),
        registered,
      ]);
    });
  },
);
