/** One field of a data-entry form (input, select from a graph lookup, textarea) with its label, unit, hint and problem. */
import { useEffect, useState } from "react";
import { gql } from "../../lib/api";
import {
  type FieldSpec,
  type FormSpec,
  fieldLabel,
  LOOKUPS,
  lookupOptions,
  lookupVariables,
  type Option,
  type OptionSource,
  type Problem,
  problemText,
} from "../../lib/forms";
import { operationName } from "../../lib/reporting";
import type { PageProps } from "./common";

/** A value fetched from the graph: loading, there, or failed with a message. */
export type Loadable<T> =
  | { status: "loading" }
  | { status: "ok"; value: T }
  | { status: "error"; message: string };

/** Consecutive fields of the same group, shown under the group's title. */
export function groupFields(fields: FieldSpec[]): { title: FieldSpec["group"]; fields: FieldSpec[] }[] {
  const out: { title: FieldSpec["group"]; fields: FieldSpec[] }[] = [];
  for (const f of fields) {
    const last = out.at(-1);
    if (last && last.title?.zh === f.group?.zh) last.fields.push(f);
    else out.push({ title: f.group, fields: [f] });
  }
  return out;
}

/** A random idempotency key (crypto.randomUUID needs a secure context; getRandomValues does not). */
export function newRequestId(): string {
  const b = crypto.getRandomValues(new Uint8Array(16));
  return `entry-${Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("")}`;
}

/** Whether a problem's field is shown next to an input (else it is listed under the form). */
export function isShown(spec: FormSpec, field: string, rowCount: number): boolean {
  if (spec.fields.some((f) => f.key === field)) return true;
  const m = /^rows\.(\d+)\.(.+)$/.exec(field);
  return !!m && Number(m[1]) < rowCount && !!spec.rows?.fields.some((f) => f.key === m[2]);
}

/** Options of a select whose values live in the graph; null while loading or when the lookup failed. */
function useLookup(
  source: OptionSource | undefined,
  token: string,
  unit: string,
  quarter: string,
): Loadable<Option[]> | null {
  const [state, setState] = useState<Loadable<Option[]> | null>(null);
  useEffect(() => {
    if (!source) return;
    let live = true;
    setState({ status: "loading" });
    const doc = LOOKUPS[source];
    gql<unknown>(token, doc, lookupVariables(source, unit, quarter), { operationName: operationName(doc) })
      .then((data) => live && setState({ status: "ok", value: lookupOptions(source, data) }))
      .catch((err: unknown) => live && setState({ status: "error", message: (err as Error).message }));
    return () => {
      live = false;
    };
  }, [source, token, unit, quarter]);
  return state;
}

export function Field(
  props: PageProps & {
    field: FieldSpec;
    id: string;
    value: string;
    onChange: (v: string) => void;
    problem: Problem | undefined;
    unit: string;
    quarter: string;
  },
) {
  const { field: f, id, lang, t } = props;
  const lookup = useLookup(f.source, props.token, props.unit, props.quarter);
  const inputId = `f-${id}`;
  const errorId = `e-${id}`;
  const common = {
    id: inputId,
    "aria-invalid": props.problem ? true : undefined,
    "aria-describedby": props.problem ? errorId : undefined,
    "data-testid": `field-${id}`,
  };
  let input: React.ReactNode;
  const options =
    f.options?.map((o) => ({ value: o.value, label: lang === "en" ? o.en : o.zh })) ??
    (lookup?.status === "ok" && lookup.value.length > 0 ? lookup.value : null);
  if (options) {
    input = (
      <select {...common} value={props.value} onChange={(e) => props.onChange(e.target.value)}>
        <option value="">{t.choose}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (f.kind === "text" && (f.maxLength ?? 0) > 200) {
    input = (
      <textarea {...common} rows={3} value={props.value} onChange={(e) => props.onChange(e.target.value)} />
    );
  } else {
    input = (
      <input
        {...common}
        type={f.kind === "date" ? "date" : "text"}
        inputMode={f.kind === "int" ? "numeric" : f.kind === "yuan" ? "decimal" : undefined}
        autoComplete="off"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
        className={f.kind === "int" || f.kind === "yuan" ? "num" : undefined}
      />
    );
  }
  return (
    <div
      className={`field${props.problem ? " invalid" : ""}${f.kind === "text" && (f.maxLength ?? 0) > 200 ? " wide" : ""}`}
    >
      <label htmlFor={inputId}>
        {fieldLabel(f, lang)}
        {!f.optional && (
          <span className="req" aria-hidden="true">
            {" "}
            *
          </span>
        )}
      </label>
      {input}
      {lookup?.status === "error" && <small className="muted">{t.lookupFailed}</small>}
      {f.hint && !props.problem && <small className="muted">{lang === "en" ? f.hint.en : f.hint.zh}</small>}
      {props.problem && (
        <small className="error" id={errorId} data-testid={`error-${id}`}>
          {problemText(props.problem, lang)}
        </small>
      )}
    </div>
  );
}
