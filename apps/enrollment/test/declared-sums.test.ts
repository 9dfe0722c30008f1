import { describe, expect, it } from "vitest";
import { enrollment } from "../src";

describe("enrollment's declared sums (the region × quarter figures its KPIs are made of)", () => {
  it("lists every named sum with its aggregation and the KPIs that read it", () => {
    expect(enrollment.sums.map((s) => [s.name, s.aggregation, s.additive])).toEqual([
      ["reports", "FLOW", true],
      ["insuredEmployee", "STOCK", true],
      ["insuredResident", "STOCK", true],
      ["registeredPopulation", "STOCK", true],
      ["evoucherActivated", "STOCK", true],
      ["settlementsTotal", "FLOW", true],
      ["settlementsEvoucher", "FLOW", true],
      ["remoteRegistrations", "FLOW", true],
      ["remoteHospitalisations", "FLOW", true],
      ["remoteRegistrationsEmployee", "FLOW", true],
      ["remoteRegistrationsResident", "FLOW", true],
      ["subsidisedPersons", "FLOW", true],
      ["subsidyAmountYuan", "FLOW", true],
    ]);
    expect(enrollment.sums.find((s) => s.name === "insuredResident")?.metrics).toEqual([
      "enrollment.rate",
      "enrollment.evoucher_activation",
    ]);
  });

  it("forms the enrollment rate from both schemes over the registered population", () => {
    const rate = enrollment.metrics.find((m) => m.id === "enrollment.rate");
    expect(rate?.numeratorSums).toEqual(["insuredEmployee", "insuredResident"]);
    expect(rate?.denominatorSums).toEqual(["registeredPopulation"]);
  });
});
