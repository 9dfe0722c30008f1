// The fifth subgraph's entry forms (issue 18) in the dashboard, with no dashboard change: made from
// the layouts of fund's declared facts alone (read off the registry module, see ./layouts.ts), saved
// with the generic document, which the gateway's allow-list holds. (A test of the fund domain: it
// lives and goes with the fund subgraph, like ./dashboard.browser.test.ts.)
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { buildForms, formById, formDocuments, type Values, validateForm } from "@hsa/dashboard/src/lib/forms";
import { DECLARED, EVERY_DOMAIN } from "@hsa/dashboard/test/layouts";
import { describe, expect, it } from "vitest";

const ctx = { quarter: "2025Q1", today: "2026-11-23" };
const allowList = JSON.parse(
  readFileSync(new URL("../../gateway/persisted-operations.json", import.meta.url), "utf8"),
) as { operations: { name: string; sha256: string }[] };
const sha256 = (text: string) => createHash("sha256").update(text, "utf8").digest("hex");

describe("the fund domain's forms", () => {
  it("saves each fund fact with the generic document, which the allow-list holds", () => {
    expect(EVERY_DOMAIN.map((d) => d.domain)).toContain("fund");
    const own = new Set(formDocuments(DECLARED));
    const saves = formDocuments(EVERY_DOMAIN).filter((t) => !own.has(t) && t.startsWith("mutation Save_"));
    expect(saves.map((t) => t.split("(")[0])).toEqual([
      "mutation Save_reportFundBalance",
      "mutation Save_reportRemoteSettlement",
      "mutation Save_reportOutpatientPooling",
      "mutation Save_reportAssistance",
    ]);
    const allowed = new Set(allowList.operations.map((o) => o.sha256));
    expect(saves.filter((t) => !allowed.has(sha256(t)))).toEqual([]);
  });

  it("builds a new domain's forms from its layouts alone, saved with the generic document", () => {
    // the fifth subgraph's facts: no document of the dashboard's own, a form for each all the same
    const forms = buildForms(EVERY_DOMAIN);
    const own = new Set(buildForms(DECLARED).map((x) => x.id));
    const added = forms.filter((x) => x.domain === "fund");
    expect(added.map((x) => x.id)).toEqual([
      "fund-balance",
      "remote-settlement",
      "outpatient-pooling",
      "assistance",
    ]);
    expect(added.every((x) => !own.has(x.id))).toBe(true);
    const f = formById(forms, "outpatient-pooling");
    if (!f) throw new Error("no outpatient pooling form");
    expect(f.save.doc).toBe(
      "mutation Save_reportOutpatientPooling($input: OutpatientPoolingInput!) {\n" +
        "  result: reportOutpatientPooling(input: $input) {\n    changed\n  }\n}",
    );
    expect(f.fields.slice(0, 5).map((x) => [x.key, x.zh])).toEqual([
      ["personsYtd", "本年累计享受门诊统筹人数"],
      ["visits", "门诊统筹人次"],
      ["totalCostYuan", "门诊统筹总费用"],
      ["inScopeCostYuan", "符合支付范围费用"],
      ["fundPaidYuan", "门诊统筹基金支付"],
    ]);
    const v: Values = {
      personsYtd: "24725",
      visits: "78059",
      totalCostYuan: "24412500",
      inScopeCostYuan: "22000000",
      fundPaidYuan: "11512300",
      pharmacyVisits: "26703",
      pharmacyTotalCostYuan: "5540700",
      pharmacyInScopeCostYuan: "5057500",
      pharmacyFundPaidYuan: "2975000",
      institutionVisits: "11581",
      institutionTotalCostYuan: "3690900",
      institutionInScopeCostYuan: "3382200",
      institutionFundPaidYuan: "1970100",
    };
    expect(validateForm(f, v, [], ctx)).toEqual([]);
    // the layout's rule: fund paid ≤ cost within scope, next to the field, in Chinese
    const over = validateForm(f, { ...v, fundPaidYuan: "23000000" }, [], ctx);
    expect(over.map((p) => p.field)).toEqual(["fundPaidYuan"]);
    expect(over[0]?.zh).toMatch(/门诊统筹基金支付.*不能大于符合支付范围费用/);
    expect(f.save.variables(v, [], { unit: "150724", quarter: "2025Q2", requestId: "x" })).toMatchObject({
      input: { regionCode: "150724", quarter: "2025Q2", visits: 78059, fundPaidYuan: "11512300.00" },
    });
  });
});
