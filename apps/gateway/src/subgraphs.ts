import { typeDefs as enrollmentTypeDefs } from "@hsa/enrollment";
import { typeDefs as paymentTypeDefs } from "@hsa/payment-reform";
import { typeDefs as procurementTypeDefs } from "@hsa/procurement";
import { typeDefs as supervisionTypeDefs } from "@hsa/supervision";
import type { SubgraphDefinition } from "./compose";

/** Every subgraph of the federated graph, with its documented default URL. */
export const subgraphs: SubgraphDefinition[] = [
  { name: "enrollment", url: "http://localhost:4001/graphql", typeDefs: enrollmentTypeDefs },
  { name: "payment", url: "http://localhost:4003/graphql", typeDefs: paymentTypeDefs },
  { name: "procurement", url: "http://localhost:4002/graphql", typeDefs: procurementTypeDefs },
  { name: "supervision", url: "http://localhost:4004/graphql", typeDefs: supervisionTypeDefs },
];
