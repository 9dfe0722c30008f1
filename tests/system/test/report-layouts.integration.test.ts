// Query.<domain>ReportLayouts (issue 16): the layouts of the declared facts, answered by a normal
// field through a production gateway (introspection off, only persisted operations for a viewer),
// the same as the declarations — fields in CSV order with the headers the import reads, units,
// bounds, choices and the rules — for the dashboard's forms and import help.
import { enrollmentFact, enrollmentModule, remoteRegistrationFact } from "@hsa/enrollment";
import { startGateway } from "@hsa/gateway";
import { dipCaseFact, paymentModule } from "@hsa/payment-reform";
import { procurementModule, purchaseFact, vbpProgressFact } from "@hsa/procurement";
import { inspectionFact, supervisionModule } from "@hsa/supervision";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  ReportLayouts_EnrollmentDocument,
  type ReportLayouts_EnrollmentQuery,
} from "../../../apps/dashboard/src/gql/graphql";
import { forDomain } from "../../../apps/dashboard/src/lib/documents";
import { codes } from "./helpers";
import { gql, SECRET, type Stack, startStack, token } from "./stack";

type Gateway = Awaited<ReturnType<typeof startGateway>>;

describe("report layouts from the fact declarations (introspection off)", () => {
  let stack: Stack;
  let gateway: Gateway;
  let viewer: string;

  beforeAll(async () => {
    stack = await startStack("pglite", undefined, {
      modules: [enrollmentModule, supervisionModule, procurementModule, paymentModule],
      enrollmentScopes: [],
    });
    gateway = await startGateway({
      port: 0,
      jwtSecret: SECRET,
      env: {
        ...process.env,
        HSA_ENV: "production",
        HSA_INTERNAL_SECRET: "gateway-to-subgraph-test-secret-0123456789abcdef",
      },
      subgraphUrls: Object.fromEntries(Object.entries(stack.services).map(([n, s]) => [n, s.url])),
    });
    // A county reporter without the analyst role: only the dashboard's persisted operations pass.
    viewer = await token({ sub: "r", scope: "150724", roles: ["viewer", "reporter"] });
  }, 120_000);
  afterAll(async () => {
    await gateway?.stop();
    await stack?.stop();
  });

  /** The dashboard's own document for a domain, as it sends it. */
  async function layouts(domain: string) {
    const r = await gql<ReportLayouts_EnrollmentQuery>(
      gateway.url,
      String(forDomain(ReportLayouts_EnrollmentDocument, domain)),
      {},
      viewer,
    );
    expect(r.errors, JSON.stringify(r.errors)).toBeUndefined();
    return r.data?.layouts ?? [];
  }

  it("refuses introspection but answers the layouts as declared", async () => {
    const intro = await gql(gateway.url, "{ __schema { types { name } } }", {}, viewer);
    expect(codes(intro)).toEqual(["GRAPHQL_VALIDATION_FAILED"]);
    expect(await layouts("enrollment")).toEqual([enrollmentFact.layout, remoteRegistrationFact.layout]);
    expect(await layouts("procurement")).toEqual([purchaseFact.layout, vbpProgressFact.layout]);
    // DIP cases: written by the hand-written reportDipCases, one fact per disease group of the input's list
    expect(await layouts("payment")).toEqual([dipCaseFact.layout]);
    expect(dipCaseFact.layout).toMatchObject({
      mutation: "reportDipCases",
      groupBy: "groupCode",
      groupList: "groups",
    });
    // an inspection with its dispositions: the layout describes the child collection and its rules
    expect(await layouts("supervision")).toEqual([inspectionFact.layout]);
    const [inspections] = await layouts("supervision");
    expect(inspections).toMatchObject({ mutation: "recordInspection", quarterFrom: "inspectedOn" });
    expect(inspections?.fields.find((f) => f.name === "inspectedOn")?.kind).toBe("DATE");
    expect(inspections?.fields.find((f) => f.name === "requestId")).toMatchObject({
      clientKey: true,
      headerEn: "reference",
    });
    expect(inspections?.children).toMatchObject({
      name: "dispositions",
      labelZh: "处理处罚",
      inputType: "DispositionInput",
    });
    expect(inspections?.children?.rules).toMatchObject([
      { field: "amountYuan", check: "EMPTY_WHEN", whenField: "kind", whenValues: ["INTERVIEW"] },
    ]);
  });

  it("lists the CSV columns the import reads, with units, bounds and the rules in words", async () => {
    const [enrollment] = await layouts("enrollment");
    if (!enrollment) throw new Error("no enrollment layout");
    expect(enrollment).toMatchObject({
      fact: "enrollment",
      mutation: "reportEnrollment",
      inputType: "EnrollmentReportInput",
      importKind: "enrollment",
      key: ["regionCode", "quarter"],
    });
    // the same columns, in the same order, as the import of that kind reads
    expect(enrollment.fields.map((f) => [f.headerEn, f.headerZh])).toEqual(
      enrollmentFact.columns.map((c) => [c.key, c.zh]),
    );
    const byName = new Map(enrollment.fields.map((f) => [f.name, f]));
    expect(byName.get("settlementsEvoucher")).toMatchObject({
      kind: "COUNT",
      graphqlType: "Int!",
      required: true,
      unitZh: "笔",
      min: "0",
      decimals: 0,
    });
    expect(byName.get("subsidyAmountYuan")).toMatchObject({
      kind: "YUAN",
      graphqlType: "String!",
      labelZh: "资助参保金额",
      unitZh: "元",
      decimals: 2,
    });
    expect(byName.get("regionName")).toMatchObject({ inInput: false, graphqlType: null, required: false });
    expect(enrollment.rules).toEqual([
      {
        field: "settlementsEvoucher",
        uses: ["settlementsEvoucher", "settlementsTotal"],
        textZh: "医保电子凭证结算笔数不能大于结算笔数",
        textEn: "E-voucher settlements must not exceed all settlements",
        sum: ["settlementsEvoucher"],
        atMost: ["settlementsTotal"],
        check: "AT_MOST",
        whenField: null,
        whenValues: [],
      },
    ]);

    const [purchases] = await layouts("procurement");
    expect(purchases).toMatchObject({
      fact: "purchases",
      mutation: "reportPurchases",
      groupBy: "category",
      groupList: "items",
      importKind: "purchases",
    });
    const category = purchases?.fields.find((f) => f.name === "category");
    expect(category?.choices.map((c) => [c.value, c.labelZh])).toEqual([
      ["DRUG", "药品"],
      ["CONSUMABLE_SEPARATE", "可单独收费医用耗材"],
      ["CONSUMABLE_NON_SEPARATE", "不可单独收费医用耗材"],
    ]);
    expect(purchases?.fields.find((f) => f.name === "reportedOffNetworkYuan")).toMatchObject({
      required: false,
      defaultValue: "0.00",
    });
    expect(purchases?.rules[0]).toMatchObject({
      sum: ["networkYuan", "reportedOffNetworkYuan"],
      atMost: ["totalYuan"],
    });
  });
});
