/**
 * A declared fact's GraphQL mutation: its SDL (input type and field), its resolver, and
 * `writeMutation`, the transactional write any resolver of the subgraph may call (role, scope of
 * the new values, approval lock, then the audited, idempotent write of fact-write.ts).
 */
import type { Database } from "@hsa/db";
import {
  badInput,
  type ResolverMap,
  requireAnyRole,
  requireRegionInScope,
  type SubgraphContext,
} from "@hsa/subgraph-kit";
import type { Fact } from "./define-fact";
import { requireValuesInScope } from "./fact-access";
import type { CompiledFact } from "./fact-compile";
import type { FactValues } from "./fact-fields";
import { completedFacts, writtenFacts } from "./fact-hooks";
import { type WriteResult, writeFacts } from "./fact-write";
import type { Tx } from "./import-kind";
import type { Workflow } from "./workflow";

const quote = (s: string) => JSON.stringify(s);

/**
 * The last line of a generated mutation's description: it says (to API users, and to the gateway's
 * allow-list build, which reads the supergraph SDL) that the mutation is a declared fact's, so a
 * client may save it with the generic document `mutation Save_<name>($input: <InputType>!) {
 * result: <name>(input: $input) { changed } }` — what the dashboard's entry forms send when they
 * have no document of their own for it (apps/gateway/scripts/dashboard-operations.ts lists them).
 */
export const FACT_MUTATION_NOTE =
  "由事实声明生成（defineFact）：录入表单以通用文档保存，返回 changed。Generated from a fact declaration (defineFact): entry forms save it with the generic document, selecting changed.";

export function factMutation(c: CompiledFact): Pick<Fact, "writeMutation" | "resolvers" | "sdl"> {
  const { decl, quarter, inputs, inputOf, role, table, kids } = c;

  // what writeMutation checks before beforeWrite runs: a hook may not change them
  const checkedProps = [decl.region, quarter, ...(decl.regionStored ?? [])].filter(Boolean);

  function writeMutation(
    db: Database | Tx,
    workflow: Workflow,
    ctx: SubgraphContext,
    facts: readonly FactValues[],
    action: string,
    opts?: { keepStored?: boolean },
  ): Promise<WriteResult> {
    const { sub, name } = ctx.principal;
    // Checked here too, not only by the generated resolver: a subgraph calling writeMutation from
    // its own resolver gets the role and the new values' scope checked all the same.
    requireAnyRole(ctx.principal, role);
    if (decl.regionStored)
      requireValuesInScope(ctx.principal, facts, [decl.region, ...decl.regionStored], decl.noun);
    else for (const f of facts) requireRegionInScope(ctx.principal, String(f[decl.region]), decl.region);
    return db.transaction(async (tx) => {
      // An approved county-quarter is locked until an approver reopens it.
      const reports = new Map(
        facts.map((f) => {
          const k = { regionCode: String(f[decl.region]), quarter: String(f[quarter]) };
          return [`${k.regionCode}|${k.quarter}`, k];
        }),
      );
      if (decl.approval !== false) for (const k of reports.values()) await workflow.assertWritable(tx, k);
      const completed = completedFacts(
        facts,
        await decl.beforeWrite?.(tx, facts, { sub, name }),
        checkedProps,
        decl.kind,
      );
      const o = {
        workflow,
        principal: ctx.principal,
        actor: { sub, name },
        action,
        source: `mutation ${action}`,
        mode: "mutation" as const,
      };
      const written = kids
        ? await kids.write(tx, completed, o, undefined, opts?.keepStored)
        : await writeFacts(tx, table, completed, o);
      await decl.afterWrite?.(tx, writtenFacts(completed, written), { sub, name });
      return written;
    });
  }

  function resolvers(db: Database, workflow: Workflow): ResolverMap {
    const m = decl.mutation;
    if (!m) return {};
    const regionInput = inputOf.get(decl.region) ?? decl.region;
    return {
      Mutation: {
        [m.name]: async (_: unknown, { input }: { input: Record<string, unknown> }, ctx: SubgraphContext) => {
          requireAnyRole(ctx.principal, role);
          // The new values' side: the county reported for must be in the caller's scope.
          requireRegionInScope(ctx.principal, String(input[regionInput]), `input.${regionInput}`);
          const { problems, values: fact } = c.check(input, new Date());
          if (problems.length)
            throw badInput(`invalid ${decl.noun}: ${problems.map((p) => p.message).join("; ")}`, {
              problems,
            });
          const written = await writeMutation(db, workflow, ctx, [fact], m.name);
          const one = written.rows[0] as { row: Record<string, unknown>; changed: boolean };
          ctx.log.info(
            { regionCode: fact[decl.region], quarter: fact[quarter], changed: one.changed },
            decl.noun,
          );
          return m.payload(one.row, one.changed);
        },
      },
    };
  }

  const sdl = decl.mutation
    ? [
        `${quote(decl.mutation.inputDoc)}\ninput ${decl.mutation.inputType} {`,
        ...inputs.map(
          ([n, f]) =>
            `  ${quote(f.doc ?? `${f.zh}。${f.help}`)}\n  ${n}: ${f.graphqlType}${f.optional ? "" : "!"}`,
        ),
        ...(kids ? [kids.inputField] : []),
        "}",
        "",
        "extend type Mutation {",
        `  """\n  ${[...decl.mutation.doc.split("\n"), FACT_MUTATION_NOTE].join("\n  ")}\n  """`,
        `  ${decl.mutation.name}(\n    ${quote(decl.mutation.argDoc)}\n    input: ${decl.mutation.inputType}!\n  ): ${decl.mutation.payloadType}!`,
        "}",
        "",
        ...(kids ? [kids.inputSDL] : []),
      ].join("\n")
    : "";

  return { writeMutation, resolvers, sdl };
}
