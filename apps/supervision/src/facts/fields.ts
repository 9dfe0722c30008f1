// Field builders the supervision facts share, beyond @hsa/reporting's `field`.
import { type FieldSpec, field } from "@hsa/reporting";
import { isIsoDate } from "../resolvers/validation";

/** Free text stored trimmed. */
export function trimmed(o: Parameters<typeof field.text>[0]): FieldSpec {
  const base = field.text(o);
  return { ...base, schema: (name, now) => base.schema(name, now).transform((s) => String(s).trim()) };
}

/** A calendar date "YYYY-MM-DD" (a real one); whether it is in the future is a rule (both paths). */
export function date(o: Parameters<typeof field.text>[0]): FieldSpec {
  const base = field.text(o);
  return {
    ...base,
    cell: { kind: "date" },
    schema: (name, now) =>
      base.schema(name, now).refine((s) => isIsoDate(String(s)), {
        message: `${name} is not a date YYYY-MM-DD`,
      }),
  };
}
