/** What 数据查询 (the query explorer) sends: queries only. */
import { type OperationDefinitionNode, parse } from "graphql";

/**
 * Whether the operation to run is a mutation or subscription (the one named, else the only one).
 * A document that does not parse is left to the gateway, which answers with its own error.
 */
export function changesData(query: string, operationName?: string | null): boolean {
  let ops: OperationDefinitionNode[];
  try {
    ops = parse(query).definitions.filter(
      (d): d is OperationDefinitionNode => d.kind === "OperationDefinition",
    );
  } catch {
    return false;
  }
  const op = operationName
    ? ops.find((o) => o.name?.value === operationName)
    : ops.length === 1
      ? ops[0]
      : undefined;
  if (op) return op.operation !== "query";
  // Several operations and none named: refuse if any of them could change data.
  return ops.some((o) => o.operation !== "query");
}
