// The institution registry's two writes, declared with defineFact (issue 16): registerInstitution
// and updateInstitutionAgreement. Neither is a county quarterly report (`approval: false`); what an
// approved quarter depends on here is its count of designated institutions (coverage's
// denominator), which the registry guard checks in the write's transaction (`beforeWrite`). Audit
// rows keep kind "institution", key {id}, no quarter (as migration 0008 moved the former rows); each
// change brings its dated agreement_history rows (`afterWrite`: they reference the institution row).
import { toNumber } from "@hsa/db";
import { getRegion } from "@hsa/regions";
import { defineFact, type Fact, type FactValues, field, type Tx, type Workflow } from "@hsa/reporting";
import { forbidden, notFound } from "@hsa/subgraph-kit";
import { and, eq, sql } from "drizzle-orm";
import {
  type AgreementState,
  type AgreementStatus,
  quarterOfIsoDate,
  quartersChanged,
} from "../db/agreement";
import { baselineRows, historyOf } from "../db/registry";
import { agreementHistory, INSTITUTION_VALUES, type InstitutionRow, institution } from "../db/schema";
import { badProblems, chinaToday } from "../resolvers/validation";
import { date, trimmed } from "./fields";

/**
 * Approval covers the registry: a registration or agreement change that would alter the count of
 * designated institutions at the end of an approved county-quarter (`quarters`: those whose count
 * it changes) is refused (FORBIDDEN, reason REPORT_APPROVED) until an approver reopens it. Status
 * changes take effect on the day they are made, so only a retroactive date (an agreement start or
 * end in the past) or an approved current quarter can trip it.
 */
async function refuseApproved(workflow: Workflow, tx: Tx, regionCode: string, quarters: string[]) {
  if (quarters.length === 0) return;
  const approved = (
    await workflow.approvedAmong(
      tx,
      quarters.map((quarter) => ({ regionCode, quarter })),
    )
  ).map((k) => k.quarter);
  if (approved.length === 0) return;
  approved.sort();
  const list = approved.join(", ");
  throw forbidden(
    `该登记变更会改变 ${regionCode} ${getRegion(regionCode)?.name ?? ""} 已审核季度（${list}）的定点医药机构数；请先由审核人退回这些季度。This registry change would alter the designated institutions counted in approved quarters of ${regionCode} (${list}): an approver must reopen them first.`,
    { reason: "REPORT_APPROVED", regionCode, quarters: approved },
  );
}

const KIND_LETTER = { HOSPITAL: "H", PHARMACY: "P", CLINIC: "C", VILLAGE_CLINIC: "V" } as const;

/** The next readable id of a county and kind ("150724-H-015"), under the caller's advisory lock. */
async function nextId(tx: Tx, prefix: string): Promise<string> {
  const [max] = await tx
    .select({
      n: sql<string>`coalesce(max(substring(${institution.id} from ${prefix.length + 1}::int)::int), 0)::text`,
    })
    .from(institution)
    .where(
      sql`${institution.id} like ${`${prefix}%`} and substring(${institution.id} from ${prefix.length + 1}::int) ~ '^[0-9]+$'`,
    );
  return `${prefix}${String(toNumber(max?.n) + 1).padStart(3, "0")}`;
}

const enumOf = (values: readonly string[]) => Object.fromEntries(values.map((v) => [v, v]));
const agreementStatus = field.oneOf({
  zh: "协议状态",
  graphqlType: "AgreementStatus",
  labels: enumOf(["ACTIVE", "SUSPENDED", "TERMINATED"]),
  help: "ACTIVE, SUSPENDED or TERMINATED",
});
const agreementEnd = date({
  zh: "协议截止日期",
  maxLength: 10,
  optional: true,
  fallback: null,
  help: "YYYY-MM-DD (a TERMINATED agreement: the termination date); empty: open-ended",
});

/** What both facts' audit rows share: kind "institution", keyed by the institution's id. */
const registryAudit = {
  kind: "institution",
  key: (row: FactValues) => ({ id: String(row.id) }),
  // what auditHistory labels an audited kind it has no fact for (supervisionAudit reads it by kind)
  entityKey: (f: FactValues) => `institution:${String(f.id)}`,
};

const institutionOf = (row: Record<string, unknown>) => row as unknown as InstitutionRow;

/** The registry's declared writes, with the registry guard of this workflow's approved quarters. */
export interface RegistryFacts {
  /** registerInstitution: a new institution (ACTIVE, `agreementStatus` set by the resolver), its id assigned */
  registration: Fact;
  /** updateInstitutionAgreement (a reporter or an approver) */
  agreementChange: Fact;
}

export function registryFacts(workflow: Workflow): RegistryFacts {
  /**
   * A new institution: the resolver has validated it (validateInstitution) and checked its county is
   * in scope. In the transaction, under an advisory lock per county and kind, a name already used in
   * the county is refused (BAD_USER_INPUT), then the registry guard (the quarters the institution is
   * counted in from its agreement start), then the next id of its county and kind is assigned. Its
   * first history row (its status from its agreement start) comes after the row.
   */
  const registration = defineFact({
    kind: "institution-registration",
    noun: "institution",
    title: { zh: "定点医药机构登记", en: "Institution registration" },
    table: institution,
    fields: {
      name: trimmed({ zh: "机构名称", maxLength: 100, help: "2–100 characters, unique in its county" }),
      kind: field.oneOf({
        zh: "机构类别",
        graphqlType: "InstitutionKind",
        labels: enumOf(Object.keys(KIND_LETTER)),
        help: "HOSPITAL, PHARMACY, CLINIC or VILLAGE_CLINIC",
      }),
      grade: field.oneOf({
        zh: "医院等级",
        graphqlType: "InstitutionGrade",
        labels: enumOf(["I", "II", "III"]),
        optional: true,
        fallback: null,
        help: "I, II or III; hospitals only",
      }),
      ownership: field.oneOf({
        zh: "所有制",
        graphqlType: "Ownership",
        labels: enumOf(["PUBLIC", "PRIVATE"]),
        help: "PUBLIC or PRIVATE",
      }),
      regionCode: field.region({ zh: "行政区划代码", help: "its county (a reporting unit)" }),
      agreementStart: date({ zh: "协议开始日期", maxLength: 10, help: "YYYY-MM-DD" }),
      agreementEnd,
    },
    key: ["id"],
    region: "regionCode",
    derived: ["id", "agreementStatus"],
    approval: false,
    role: "reporter",
    async beforeWrite(tx, facts) {
      const today = chinaToday();
      const completed: FactValues[] = [];
      for (const f of facts) {
        const regionCode = String(f.regionCode);
        const prefix = `${regionCode}-${KIND_LETTER[f.kind as keyof typeof KIND_LETTER]}-`;
        // Serialises id allocation per county and kind (and the duplicate-name check) across connections.
        await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`supervision:${prefix}`}))`);
        const dup = await tx
          .select({ id: institution.id })
          .from(institution)
          .where(and(eq(institution.regionCode, regionCode), eq(institution.name, String(f.name))));
        if (dup.length > 0) {
          const message = `${regionCode} already has an institution named "${String(f.name)}"`;
          throw badProblems("institution", [{ field: "name", message }]);
        }
        const state: AgreementState = {
          agreementStart: String(f.agreementStart),
          agreementEnd: f.agreementEnd == null ? null : String(f.agreementEnd),
          agreementStatus: f.agreementStatus as AgreementStatus,
        };
        const events = [{ effectiveOn: state.agreementStart, status: state.agreementStatus }];
        const quarters = quartersChanged(
          null,
          { state, events },
          state.agreementStart,
          quarterOfIsoDate(today),
        );
        await refuseApproved(workflow, tx, regionCode, quarters);
        completed.push({ ...f, id: await nextId(tx, prefix) });
      }
      return completed;
    },
    async afterWrite(tx, written, actor) {
      const rows = written.filter((w) => w.changed).map((w) => institutionOf(w.row));
      if (rows.length === 0) return;
      await tx.insert(agreementHistory).values(
        rows.map((r) => ({
          institutionId: r.id,
          effectiveOn: r.agreementStart,
          status: r.agreementStatus,
          agreementEnd: r.agreementEnd,
          recordedBy: actor.sub,
          source: "mutation registerInstitution",
        })),
      );
    },
    // created_at and updated_at: the table's defaults
    stamp: () => ({}),
    audit: {
      ...registryAudit,
      values: INSTITUTION_VALUES,
    },
  });

  /**
   * An agreement change: a fact about the stored institution (`upsert: false`, key id): only its
   * status and end date are updated, the same values again write nothing (changed: false: no
   * history row, no audit). The resolver has found the institution in the caller's scope and
   * validated the change; its stored county stays its own (`regionStored`). In the transaction,
   * with the row locked: a row loaded without a history gets its baseline, then the registry guard
   * (the quarters whose count the change alters, taking effect today, China time); after the
   * update, the history row dated today.
   */
  const agreementChange = defineFact({
    kind: "institution-agreement",
    noun: "institution",
    title: { zh: "定点医药机构协议变更", en: "Institution agreement change" },
    table: institution,
    fields: {
      institutionId: field.text({
        zh: "机构编码",
        maxLength: 40,
        graphqlType: "ID",
        column: "id",
        refersTo: "Institution",
        help: "the institution's id (Institution.id), in your scope",
      }),
      agreementStatus,
      agreementEnd,
    },
    key: ["id"],
    region: "regionCode",
    regionStored: ["regionCode"],
    upsert: false,
    approval: false,
    // a reporter or an approver (admin is every role)
    role: ["reporter", "approver"],
    async beforeWrite(tx, facts, actor) {
      const today = chinaToday();
      const completed: FactValues[] = [];
      for (const f of facts) {
        const id = String(f.id);
        const [old] = await tx.select().from(institution).where(eq(institution.id, id)).for("update");
        if (!old) throw notFound(`no institution with id ${id}`);
        // The fact's county (checked in the caller's scope before this hook) must be the stored
        // one: nothing below may read or tell of an institution outside the scope.
        if (old.regionCode !== String(f.regionCode))
          throw new Error(`institution ${id} is stored under another county than the change names`);
        // the day the change takes effect: its history row's date (afterWrite), not a column
        completed.push({ ...f, effectiveOn: today });
        const change = {
          agreementStatus: f.agreementStatus as AgreementStatus,
          agreementEnd: f.agreementEnd == null ? null : String(f.agreementEnd),
        };
        if (old.agreementStatus === change.agreementStatus && old.agreementEnd === change.agreementEnd)
          continue;
        let events = await historyOf(tx, id);
        if (events.length === 0) {
          // Loaded without a history: record what held so far before dating the change.
          const baseline = baselineRows(
            [old],
            actor.sub,
            "baseline before mutation updateInstitutionAgreement",
          );
          await tx.insert(agreementHistory).values(baseline);
          events = baseline.map((b) => ({ effectiveOn: b.effectiveOn, status: b.status }));
        }
        const dated = [...events, { effectiveOn: today, status: change.agreementStatus }];
        const quarters = quartersChanged(
          { state: old, events },
          { state: { ...old, ...change }, events: dated },
          old.agreementStart,
          quarterOfIsoDate(today),
        );
        await refuseApproved(workflow, tx, old.regionCode, quarters);
      }
      return completed;
    },
    async afterWrite(tx, written, actor) {
      const changed = written.filter((w) => w.changed);
      if (changed.length === 0) return;
      await tx.insert(agreementHistory).values(
        changed.map(({ fact, row }) => ({
          institutionId: institutionOf(row).id,
          effectiveOn: String(fact.effectiveOn),
          status: institutionOf(row).agreementStatus,
          agreementEnd: institutionOf(row).agreementEnd,
          recordedBy: actor.sub,
          source: "mutation updateInstitutionAgreement",
        })),
      );
    },
    stamp: (_actor, now) => ({ updatedAt: now }),
    audit: { ...registryAudit, values: ["agreementStatus", "agreementEnd"] },
  });

  return {
    registration,
    agreementChange,
  };
}
