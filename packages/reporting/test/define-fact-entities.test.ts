// defineFact for entities and computed facts (issue 16: every write path through defineFact), on a
// real (embedded) PostgreSQL: an entity registered under a server-assigned id (beforeWrite completes
// the fact in the transaction, afterWrite records the rows that reference it), a fact about a stored
// row (upsert: false: only its values change, a missing row is refused), and a computed fact with a
// child collection whose children name regions of their own, written inside the caller's transaction.
import type { Database, DbHandle } from "@hsa/db";
import type { Principal } from "@hsa/subgraph-kit";
import { sql } from "drizzle-orm";
import { bigint, bigserial, integer, pgSchema, primaryKey, text, varchar } from "drizzle-orm/pg-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineFact, type FactValues, field, type Workflow, withChildren } from "../src";
import { auditsOf, codeOf, ctxOf, openFactSchema, principal } from "./harness";

const s = pgSchema("factent");
const entity = s.table("entity", {
  id: text("id").primaryKey(),
  regionCode: varchar("region_code", { length: 6 }).notNull(),
  name: text("name").notNull(),
  status: text("status").notNull(),
  updatedBy: text("updated_by"),
});
const history = s.table("entity_history", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  entityId: text("entity_id").notNull(),
  status: text("status").notNull(),
  recordedBy: text("recorded_by").notNull(),
});
const settle = s.table("settle", {
  id: bigserial("id", { mode: "number" }).primaryKey(),
  pool: varchar("pool", { length: 6 }).notNull(),
  year: integer("year").notNull(),
  totalFen: bigint("total_fen", { mode: "bigint" }).notNull(),
});
const line = s.table(
  "settle_line",
  {
    settleId: bigint("settle_id", { mode: "number" }).notNull(),
    entityId: text("entity_id").notNull(),
    regionCode: varchar("region_code", { length: 6 }).notNull(),
    amountFen: bigint("amount_fen", { mode: "bigint" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.settleId, t.entityId] })],
);

const status = field.oneOf({
  zh: "状态",
  graphqlType: "EntityStatus",
  labels: { ACTIVE: "ACTIVE", SUSPENDED: "SUSPENDED" },
  help: "ACTIVE or SUSPENDED",
});

/** An entity registered under the next id of its county (`<county>-<n>`), allocated in the write. */
const registerFact = defineFact({
  kind: "entity",
  noun: "entity",
  title: { zh: "实体", en: "Entity" },
  table: entity,
  fields: {
    regionCode: field.region({ zh: "所在县", help: "county" }),
    name: field.text({ zh: "名称", help: "name", maxLength: 40 }),
  },
  key: ["id"],
  region: "regionCode",
  derived: ["id", "status"],
  approval: false,
  async beforeWrite(tx, facts) {
    const out: FactValues[] = [];
    for (const f of facts) {
      const prefix = `${String(f.regionCode)}-`;
      const [max] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(entity)
        .where(sql`${entity.id} like ${`${prefix}%`}`);
      // (a hook that moved the fact to another county would bypass the scope check: refused)
      const regionCode = f.name === "moves itself" ? "430602" : String(f.regionCode);
      out.push({ ...f, regionCode, id: `${prefix}${(max?.n ?? 0) + 1}`, status: "ACTIVE" });
    }
    return out;
  },
  async afterWrite(tx, written, actor) {
    for (const w of written) {
      if (w.fact.name === "fails after the write") throw new Error("history refused");
      if (w.changed)
        await tx
          .insert(history)
          .values({ entityId: String(w.row.id), status: String(w.row.status), recordedBy: actor.sub });
    }
  },
  stamp: (actor) => ({ updatedBy: actor.sub }),
  audit: { values: ["name", "status"], entityKey: (f) => `entity:${f.id}` },
});

/** The status of a stored entity: only the status (and the stamp) changes. */
const statusFact = defineFact({
  kind: "entity-status",
  noun: "entity",
  title: { zh: "实体状态", en: "Entity status" },
  table: entity,
  fields: { id: field.text({ zh: "编号", help: "id", maxLength: 20 }), status },
  key: ["id"],
  region: "regionCode",
  derived: ["regionCode"],
  approval: false,
  // a reporter or an approver may change it
  role: ["reporter", "approver"],
  upsert: false,
  async afterWrite(tx, written, actor) {
    const changed = written.filter((w) => w.changed);
    if (changed.length)
      await tx.insert(history).values(
        changed.map((w) => ({
          entityId: String(w.row.id),
          status: String(w.row.status),
          recordedBy: actor.sub,
        })),
      );
  },
  stamp: (actor) => ({ updatedBy: actor.sub }),
  audit: {
    kind: "entity",
    values: ["status"],
    key: (f) => ({ id: String(f.id) }),
    entityKey: (f) => `entity:${f.id}`,
  },
});

/** A computed fact of a pool and year with lines whose counties are their own. */
const settleFact = defineFact({
  kind: "settle",
  noun: "settlement",
  title: { zh: "清算", en: "Settlement" },
  table: settle,
  fields: {
    pool: field.text({ zh: "统筹区", help: "pool", maxLength: 6 }),
    year: field.count({ zh: "年度", help: "year" }),
  },
  key: ["pool", "year"],
  region: "pool",
  regionStored: ["pool"],
  approval: false,
  role: "approver",
  derived: ["totalFen"],
  children: {
    name: "lines",
    noun: "settlement line",
    table: line,
    parentRef: "settleId",
    parentId: "id",
    order: "entityId",
    region: "regionCode",
    fields: {
      entityId: field.text({ zh: "编号", help: "id", maxLength: 20 }),
      regionCode: field.text({ zh: "所在县", help: "county", maxLength: 6 }),
      amountYuan: field.yuan({ zh: "金额", help: "yuan" }),
    },
    max: 100,
    inputType: "SettleLine",
    inputDoc: "line",
    doc: "lines",
  },
  stamp: () => ({}),
  audit: { values: ["totalFen"] },
});

let handle: DbHandle;
let db: Database;
let workflow: Workflow;

const audits = () => auditsOf(db, [registerFact, settleFact]);
const tables = { entity, entity_history: history, settle, settle_line: line } as const;
const count = async (table: keyof typeof tables | "audit_event") => {
  const from = table === "audit_event" ? registerFact.auditTable : tables[table];
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(from);
  return row?.n;
};

async function register(input: Record<string, unknown>, p: Principal) {
  const { problems, values } = registerFact.check(input);
  if (problems.length) throw new Error(problems.map((x) => x.message).join("; "));
  return registerFact.writeMutation(db, workflow, ctxOf(p), [values], "registerEntity");
}

async function setStatus(input: Record<string, unknown>, p: Principal, regionCode?: string) {
  const { problems, values } = statusFact.check(input);
  if (problems.length) throw new Error(problems.map((x) => x.message).join("; "));
  if (regionCode)
    return statusFact.writeMutation(db, workflow, ctxOf(p), [{ ...values, regionCode }], "setEntityStatus");
  // the stored entity's county, as a resolver reads it (visible to the caller)
  const [stored] = await db
    .select()
    .from(entity)
    .where(sql`id = ${String(input.id)}`);
  const fact = { ...values, regionCode: stored?.regionCode ?? String(input.id).slice(0, 6) };
  return statusFact.writeMutation(db, workflow, ctxOf(p), [fact], "setEntityStatus");
}

const settlement = (pool: string, lines: [string, string, bigint][]) =>
  withChildren(
    { pool, year: 2024, totalFen: lines.reduce((t, l) => t + l[2], 0n) },
    lines.map(([entityId, regionCode, amountFen]) => ({ entityId, regionCode, amountFen })),
  );

beforeAll(async () => {
  ({ handle, db, workflow } = await openFactSchema(
    "factent",
    [
      `create table factent.entity (id text primary key, region_code varchar(6) not null, name text not null,
       status text not null, updated_by text)`,
      `create table factent.entity_history (id bigserial primary key,
       entity_id text not null references factent.entity (id), status text not null, recorded_by text not null)`,
      `create table factent.settle (id bigserial primary key, pool varchar(6) not null, year integer not null,
       total_fen bigint not null, unique (pool, year))`,
      `create table factent.settle_line (settle_id bigint not null references factent.settle (id) on delete cascade,
       entity_id text not null, region_code varchar(6) not null, amount_fen bigint not null,
       primary key (settle_id, entity_id))`,
    ],
    { table: entity, regionCode: entity.regionCode, quarter: entity.status },
  ));
}, 120_000);
afterAll(async () => handle?.close());

describe("defineFact for entities and computed facts", () => {
  it("beforeWrite completes the fact in the transaction (a server-assigned id); afterWrite records what references it", async () => {
    const county = principal("150724");
    const first = await register({ regionCode: "150724", name: "甲" }, county);
    const second = await register({ regionCode: "150724", name: "乙" }, county);
    expect(first.rows[0]).toMatchObject({
      changed: true,
      row: { id: "150724-1", status: "ACTIVE", name: "甲" },
    });
    expect(second.rows[0]?.row.id).toBe("150724-2");
    expect(await db.select().from(history)).toEqual([
      expect.objectContaining({ entityId: "150724-1", status: "ACTIVE", recordedBy: "u-150724" }),
      expect.objectContaining({ entityId: "150724-2", status: "ACTIVE", recordedBy: "u-150724" }),
    ]);
    expect((await audits()).at(-1)).toMatchObject({
      action: "registerEntity",
      entityKey: "entity:150724-2",
      regionCode: "150724",
      // a fact outside the county quarterly report: no quarter (null, as in rows migrated from before)
      quarter: null,
      oldValue: null,
      newValue: { name: "乙", status: "ACTIVE" },
    });
    // a throw in afterWrite undoes the row and its audit
    const before = { entities: await count("entity"), audits: await count("audit_event") };
    await expect(register({ regionCode: "150724", name: "fails after the write" }, county)).rejects.toThrow(
      "history refused",
    );
    expect({ entities: await count("entity"), audits: await count("audit_event") }).toEqual(before);
    // beforeWrite may complete the facts, not change what was checked (their county)
    await expect(register({ regionCode: "150724", name: "moves itself" }, county)).rejects.toThrow(
      /beforeWrite returned another regionCode/,
    );
    expect({ entities: await count("entity"), audits: await count("audit_event") }).toEqual(before);
    // the new values' county is checked before anything is allocated
    expect(codeOf(await register({ regionCode: "430602", name: "丙" }, county).catch((e) => e))).toBe(
      "FORBIDDEN",
    );
  });

  it("upsert: false updates only the fact's values of the stored row; unchanged writes nothing; a missing row is refused; any of several roles", async () => {
    const county = principal("150724");
    const changed = await setStatus({ id: "150724-1", status: "SUSPENDED" }, principal("150700"));
    expect(changed).toMatchObject({ updated: 1, inserted: 0 });
    const [row] = await db.select().from(entity).where(sql`id = '150724-1'`);
    // the name (not a value of this fact) is what registration stored; the stamp is the writer's
    expect(row).toEqual({
      id: "150724-1",
      regionCode: "150724",
      name: "甲",
      status: "SUSPENDED",
      updatedBy: "u-150700",
    });
    expect((await audits()).at(-1)).toMatchObject({
      action: "setEntityStatus",
      entityKey: "entity:150724-1",
      oldValue: { status: "ACTIVE" },
      newValue: { status: "SUSPENDED" },
    });
    const histories = await count("entity_history");
    const auditCount = await count("audit_event");
    expect(await setStatus({ id: "150724-1", status: "SUSPENDED" }, county)).toMatchObject({ unchanged: 1 });
    expect([await count("entity_history"), await count("audit_event")]).toEqual([histories, auditCount]);
    // no stored row of the key: BAD_USER_INPUT, nothing inserted
    const missing = await setStatus({ id: "150724-9", status: "ACTIVE" }, county).catch((e) => e);
    expect(codeOf(missing)).toBe("BAD_USER_INPUT");
    expect((missing as Error).message).toMatch(/no entity entity:150724-9 is stored/);
    expect(await count("entity")).toBe(2);
    // any one of the fact's roles will do; none of them: FORBIDDEN naming them
    expect(
      await setStatus({ id: "150724-1", status: "ACTIVE" }, principal("150724", ["approver"])),
    ).toMatchObject({
      updated: 1,
    });
    const viewer = await setStatus(
      { id: "150724-1", status: "SUSPENDED" },
      principal("150724", ["viewer"]),
    ).catch((e) => e);
    expect(codeOf(viewer)).toBe("FORBIDDEN");
    expect((viewer as Error).message).toContain('one of the roles "reporter", "approver"');
    // a stored row of another county: its region is the caller's to see
    expect(
      codeOf(await setStatus({ id: "150724-2", status: "SUSPENDED" }, principal("150702")).catch((e) => e)),
    ).toBe("FORBIDDEN");
    // ... and when the fact names a county of the caller's: the stored row is checked too
    const named = await setStatus(
      { id: "150724-2", status: "SUSPENDED" },
      principal("150702"),
      "150702",
    ).catch((e) => e);
    expect(codeOf(named)).toBe("FORBIDDEN");
    const [two] = await db.select().from(entity).where(sql`id = '150724-2'`);
    expect(two).toMatchObject({ regionCode: "150724", status: "ACTIVE" });
  });

  it("children with regions of their own: every stored and new line in scope, written in the caller's transaction", async () => {
    const city = principal("150700", ["approver"]);
    const run = (lines: [string, string, bigint][], p = city) =>
      db.transaction((tx) =>
        settleFact.writeMutation(tx, workflow, ctxOf(p), [settlement("150700", lines)], "settle"),
      );
    const first = await run([
      ["150724-1", "150724", 300n],
      ["150702-1", "150702", 200n],
    ]);
    expect(first.rows[0]).toMatchObject({ changed: true, row: { totalFen: 500n } });
    expect(
      await run([
        ["150702-1", "150702", 200n],
        ["150724-1", "150724", 300n],
      ]),
    ).toMatchObject({ unchanged: 1 });
    // a new line outside the scope: FORBIDDEN, nothing replaced
    const outside = await run([
      ["150724-1", "150724", 300n],
      ["430602-1", "430602", 1n],
    ]).catch((e) => e);
    expect(codeOf(outside)).toBe("FORBIDDEN");
    expect(await count("settle_line")).toBe(2);
    // a stored line outside a county caller's scope: FORBIDDEN, whatever the new lines
    const county = principal("150724", ["approver"]);
    const stored = await db
      .transaction((tx) =>
        settleFact.writeMutation(
          tx,
          workflow,
          ctxOf(county),
          [settlement("150724", [["150724-1", "150724", 1n]])],
          "settle",
        ),
      )
      .then(() => "written");
    expect(stored).toBe("written");
    const [parent] = await db.select().from(settle).where(sql`pool = '150724'`);
    await db
      .insert(line)
      .values({ settleId: Number(parent?.id), entityId: "150702-9", regionCode: "150702", amountFen: 0n });
    const again = await db
      .transaction((tx) =>
        settleFact.writeMutation(
          tx,
          workflow,
          ctxOf(county),
          [
            // the new lines all lie in the scope: only the stored one is outside it
            settlement("150724", [["150724-1", "150724", 1n]]),
          ],
          "settle",
        ),
      )
      .catch((e) => e);
    expect(codeOf(again)).toBe("FORBIDDEN");
    // the caller's transaction decides: a throw after the write undoes it and its audit
    const audits0 = await count("audit_event");
    await expect(
      db.transaction(async (tx) => {
        await settleFact.writeMutation(
          tx,
          workflow,
          ctxOf(city),
          [settlement("150700", [["150724-1", "150724", 7n]])],
          "settle",
        );
        throw new Error("the command failed afterwards");
      }),
    ).rejects.toThrow("afterwards");
    expect(await count("audit_event")).toBe(audits0);
    const [kept] = await db.select().from(settle).where(sql`pool = '150700'`);
    expect(kept?.totalFen).toBe(500n);
  });
});
