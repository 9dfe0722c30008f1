// A subgraph's data version: a value that changes with every committed write to any table of its
// schema, made visible atomically with the write itself, so that a response cache keyed on it can
// never serve figures older than the last committed write (see apps/gateway's response cache).
//
// How: every table of the schema gets a statement-level trigger (AFTER INSERT, UPDATE, DELETE or
// TRUNCATE: mutations, imports, approvals, COPY, demo and bench loaders, hand-written SQL alike)
// that notes its transaction in `<schema>.data_change` (one row per writing transaction, keyed by
// its id: no row lock shared between writers, so the trigger adds no waits or deadlocks). The
// version is `<epoch>:<base + rows of data_change>`, read in one statement: a count of committed
// writing transactions, which only grows, and moves in the same commit as the data. `epoch` is a
// random id made with the version table, so a database recreated from scratch never repeats an old
// version. `compactDataVersion` folds old rows into `base` without changing the value.
import { sql } from "drizzle-orm";
import { bulkWriter } from "./copy";
import type { Database } from "./index";

const IDENT = /^[a-z_][a-z0-9_]*$/;

function checked(schema: string): string {
  if (!IDENT.test(schema)) throw new Error(`not a plain schema name: ${schema}`);
  return schema;
}

/** Tables of the mechanism itself (no trigger: they are not data). */
export const DATA_VERSION_TABLES = ["data_version", "data_change"] as const;

/**
 * Creates the version tables and the trigger function of `schema` and puts the trigger on every
 * table of it that lacks one. Idempotent and safe to run from several processes at once (an
 * advisory lock per schema); run it after the migrations, at every start, so tables added by later
 * migrations are covered too.
 */
export async function installDataVersion(db: Database, schema: string): Promise<void> {
  const s = checked(schema);
  await db.execute(
    sql.raw(`do $body$
declare t record;
begin
  perform pg_advisory_xact_lock(hashtext('hsa_data_version:${s}'));
  create table if not exists ${s}.data_version (
    id boolean primary key default true check (id),
    epoch text not null default md5(random()::text || clock_timestamp()::text),
    base bigint not null default 0
  );
  insert into ${s}.data_version (id) values (true) on conflict do nothing;
  create table if not exists ${s}.data_change (xid xid8 primary key);
  create or replace function ${s}.hsa_note_data_change() returns trigger language plpgsql as $fn$
  begin
    insert into ${s}.data_change (xid) values (pg_current_xact_id()) on conflict do nothing;
    return null;
  end $fn$;
  for t in
    select c.oid::regclass as rel
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = '${s}' and c.relkind in ('r', 'p') and not c.relispartition
       and c.relname not in ('data_version', 'data_change')
       and not exists (select 1 from pg_trigger g where g.tgrelid = c.oid and g.tgname = 'hsa_data_version')
  loop
    execute format(
      'create trigger hsa_data_version after insert or update or delete or truncate on %s '
      'for each statement execute function ${s}.hsa_note_data_change()', t.rel);
  end loop;
end $body$`),
  );
}

/** The schema's data version (see the file's comment), read in one statement. */
export async function readDataVersion(db: Database, schema: string): Promise<string> {
  const s = checked(schema);
  const res = (await db.execute(
    sql.raw(
      `select v.epoch || ':' || (v.base + (select count(*) from ${s}.data_change))::text as version from ${s}.data_version v`,
    ),
  )) as unknown as { rows?: { version: string }[] } | { version: string }[];
  const rows = Array.isArray(res) ? res : (res.rows ?? []);
  const version = rows[0]?.version;
  if (!version) throw new Error(`no data version in schema ${s}: installDataVersion was not run`);
  return version;
}

/**
 * Folds the rows of committed transactions (the ones this statement sees) into `base`, in one
 * statement: the version's value does not change. Returns how many rows were folded. Maintenance:
 * sent through the driver's own client, so it is not in `DbHandle.stats` (as migrations are not).
 */
export async function compactDataVersion(db: Database, schema: string): Promise<number> {
  const s = checked(schema);
  const rows = await bulkWriter(db).exec(`with gone as (
  delete from ${s}.data_change returning 1
), n as (select count(*) as n from gone)
update ${s}.data_version set base = base + n.n from n where n.n > 0 returning n.n::int as folded`);
  return Number(rows[0]?.folded ?? 0);
}
