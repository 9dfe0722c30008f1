import { defineFact } from "@hsa/reporting";
import { remoteSettlement } from "../db/schema";
import {
  count,
  quarter,
  regionCode,
  regionName,
  reportTypeSDL,
  rowToGraphQL,
  scheme,
  stamp,
  yuan,
} from "./common";

const KINDS = [
  ["inpatient", "住院", "inpatient care"],
  ["chronic", "门诊慢特病", "chronic and special disease outpatient care"],
  ["outpatient", "普通门诊", "ordinary outpatient care"],
] as const;
const WHERE = [
  ["Within", "省内异地", "within the province"],
  ["Cross", "跨省异地", "across provinces"],
] as const;

/** cases and fund paid per kind of care × within / across provinces, in CSV order */
const figures = Object.fromEntries(
  KINDS.flatMap(([k, kzh, ken]) =>
    WHERE.flatMap(([w, wzh, wen]) => [
      [
        `${k}${w}Cases`,
        count(`${wzh}${kzh}直接结算人次`, `${ken} settled directly ${wen}: cases`, [
          `${k}_${w.toLowerCase()}_cases`,
        ]),
      ],
      [
        `${k}${w}Yuan`,
        yuan(`${wzh}${kzh}基金支付`, `${ken} settled directly ${wen}: fund paid`, [
          `${k}_${w.toLowerCase()}_yuan`,
        ]),
      ],
    ]),
  ),
);

const fields = { regionCode, regionName, quarter, scheme, ...figures };

/**
 * One county's remote-care direct settlements (异地就医直接结算) of one scheme in one quarter:
 * reportRemoteSettlement and POST /import/remote-settlement, declared once.
 */
export const remoteSettlementFact = defineFact({
  kind: "remote-settlement",
  noun: "remote-care direct settlement report",
  title: {
    zh: "异地就医直接结算（县 × 险种 × 季度）",
    en: "Remote-care direct settlement (county × scheme × quarter)",
  },
  table: remoteSettlement,
  fields,
  key: ["regionCode", "quarter", "scheme"],
  region: "regionCode",
  quarter: "quarter",
  stamp,
  mutation: {
    name: "reportRemoteSettlement",
    inputType: "RemoteSettlementInput",
    inputDoc:
      "某县某险种某季度的异地就医直接结算（住院、门诊慢特病、普通门诊，省内与跨省；全部字段必填）。One county's remote-care direct settlements of one scheme for one quarter (inpatient, chronic outpatient, ordinary outpatient; within the province and across provinces; every field required).",
    doc: [
      "上报某县某险种某季度的异地就医直接结算（需 reporter 角色，县在权限范围内；已审核的季度须先退回）。幂等；数据变更记入审计。",
      "Reports one county's remote-care direct settlements of one scheme for one quarter (role reporter, county in scope).",
      "Idempotent: the same figures again change nothing; changed figures are audited (old → new).",
    ].join("\n"),
    argDoc: "上报的数据。The figures reported.",
    payloadType: "ReportRemoteSettlementPayload",
    payload: (row, changed) => ({ report: rowToGraphQL(row), changed }),
  },
  import: { action: "importRemoteSettlement" },
});

export const remoteSettlementSDL = reportTypeSDL(
  "RemoteSettlementReport",
  "某县某险种某季度的异地就医直接结算。One county's remote-care direct settlements of one scheme for one quarter.",
  fields,
  { name: "ReportRemoteSettlementPayload", mutation: "reportRemoteSettlement" },
);
