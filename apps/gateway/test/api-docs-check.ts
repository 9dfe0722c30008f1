// The check behind test/api-docs.test.ts: every element of our own types has a description with a
// Chinese and an English part. Federation internals (join__/link__, _Any, …) and built-in scalars
// are not ours and are skipped.
import { type DefinitionNode, Kind, parse, type StringValueNode } from "graphql";

const HAN = /\p{Script=Han}/u;
const LATIN = /\p{Script=Latin}/u;

/** Names defined by federation (join__/link__ and the federation scalars), not by us. */
const isFederationName = (name: string) =>
  /^(join__|link__|federation__)/.test(name) || ["_Any", "_Entity", "_Service", "FieldSet"].includes(name);

const BUILT_IN_SCALARS = new Set(["String", "Int", "Float", "Boolean", "ID"]);

function problem(description: StringValueNode | undefined): string | null {
  const text = description?.value.trim();
  if (!text) return "no description";
  if (!HAN.test(text)) return "no Chinese";
  if (!LATIN.test(text)) return "no English";
  return null;
}

/** "Type.field(arg): reason" for every element of our own types whose description lacks zh or en. */
export function undocumented(sdl: string): string[] {
  const out: string[] = [];
  const check = (where: string, description: StringValueNode | undefined) => {
    const p = problem(description);
    if (p) out.push(`${where}: ${p}`);
  };
  for (const def of parse(sdl).definitions as readonly DefinitionNode[]) {
    if (!("name" in def) || !def.name || isFederationName(def.name.value)) continue;
    const type = def.name.value;
    const isExtension = def.kind.endsWith("Extension");
    // The type's own text (an extension such as `extend type Region` has none: its fields do).
    const typeText = "description" in def ? def.description : undefined;
    switch (def.kind) {
      case Kind.OBJECT_TYPE_DEFINITION:
      case Kind.OBJECT_TYPE_EXTENSION:
      case Kind.INTERFACE_TYPE_DEFINITION:
      case Kind.INTERFACE_TYPE_EXTENSION:
        // Query and Mutation are roots: their fields are documented, the root types need no text.
        if (!isExtension && type !== "Query" && type !== "Mutation") check(type, typeText);
        for (const field of def.fields ?? []) {
          if (field.name.value.startsWith("_")) continue; // _entities, _service
          check(`${type}.${field.name.value}`, field.description);
          for (const arg of field.arguments ?? [])
            check(`${type}.${field.name.value}(${arg.name.value})`, arg.description);
        }
        break;
      case Kind.INPUT_OBJECT_TYPE_DEFINITION:
      case Kind.INPUT_OBJECT_TYPE_EXTENSION:
        if (!isExtension) check(type, typeText);
        for (const field of def.fields ?? []) check(`${type}.${field.name.value}`, field.description);
        break;
      case Kind.ENUM_TYPE_DEFINITION:
      case Kind.ENUM_TYPE_EXTENSION:
        if (!isExtension) check(type, typeText);
        for (const value of def.values ?? []) check(`${type}.${value.name.value}`, value.description);
        break;
      case Kind.SCALAR_TYPE_DEFINITION:
        if (!BUILT_IN_SCALARS.has(type)) check(type, typeText);
        break;
      case Kind.UNION_TYPE_DEFINITION:
        check(type, typeText);
        break;
    }
  }
  return out;
}
