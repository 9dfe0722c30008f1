/**
 * The data-entry forms, one per kind of report: made from the layouts the graph answers for the
 * declared facts (form-layout.ts: enrollment figures, purchases, VBP progress, DIP cases, an
 * inspection with its dispositions, …); the dashboard keeps no hand-written copy of a fact.
 * Labelled fields with units, client-side validation with Chinese (and English) messages, how
 * stored figures are loaded and how the form is saved. The server validates again; its problems
 * ({field, message}) are shown next to the fields too.
 */
import { EntryDipGroupsDocument, EntryInstitutionsDocument, EntryVbpProductsDocument } from "../gql/graphql";
import { textOf } from "./documents";
import { type FieldSpec, type FormSpec, label, type OptionSource } from "./form-core";
import { formFromLayout, saveDocuments, storedDocuments } from "./form-layout";
import type { Lang } from "./format";
import type { DomainLayouts } from "./layouts";

export * from "./form-core";
export { quarterOfDate } from "./form-layout-parts";

/** Every form: one per layout the graph answers (in domain order) with a mutation to save it. */
export function buildForms(domains: readonly DomainLayouts[]): FormSpec[] {
  return domains.flatMap((d) =>
    d.layouts.flatMap((l) => {
      const form = formFromLayout(d.domain, l);
      return form ? [form] : [];
    }),
  );
}

export function formById(forms: readonly FormSpec[], id: string | null | undefined): FormSpec | undefined {
  return forms.find((f) => f.id === id);
}

/** Lookups behind the selects whose options live in the graph (each owned by one subgraph). */
export const LOOKUPS: Record<OptionSource, string> = {
  institutions: textOf(EntryInstitutionsDocument),
  vbpProducts: textOf(EntryVbpProductsDocument),
  dipGroups: textOf(EntryDipGroupsDocument),
};

export interface Option {
  value: string;
  label: string;
}

/** The variables of a lookup for a county and quarter (DIP groups belong to the city's pool). */
export function lookupVariables(
  source: OptionSource,
  unit: string,
  quarter: string,
): Record<string, unknown> {
  if (source === "institutions") return { code: unit };
  if (source === "dipGroups") return { pool: `${unit.slice(0, 4)}00`, year: Number(quarter.slice(0, 4)) };
  return {};
}

export function lookupOptions(source: OptionSource, data: unknown): Option[] {
  if (source === "institutions") {
    const r = (
      data as { region: { institutions: { edges: { node: { id: string; name: string } }[] } } | null }
    ).region;
    return (r?.institutions.edges ?? []).map((e) => ({
      value: e.node.id,
      label: `${e.node.name}（${e.node.id}）`,
    }));
  }
  if (source === "vbpProducts") {
    const b = (data as { vbpBatches: { name: string; products: { id: string; name: string }[] }[] })
      .vbpBatches;
    return b.flatMap((batch) =>
      batch.products.map((p) => ({ value: p.id, label: `${batch.name} · ${p.name}` })),
    );
  }
  const g = (data as { dipGroups: { code: string; name: string }[] }).dipGroups;
  return g.map((x) => ({ value: x.code, label: `${x.code} ${x.name}` }));
}

/** Every data-entry document the forms of these layouts send (for the persisted-operation list). */
export function formDocuments(domains: readonly DomainLayouts[]): string[] {
  const layouts = domains.flatMap((d) => d.layouts);
  return [...new Set([...storedDocuments(), ...saveDocuments(layouts), ...Object.values(LOOKUPS)])];
}

export function fieldLabel(f: FieldSpec, lang: Lang): string {
  return f.unit ? `${label(f, lang)}（${lang === "en" ? f.unit.en : f.unit.zh}）` : label(f, lang);
}
