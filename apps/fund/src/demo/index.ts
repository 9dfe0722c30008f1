import { DEMO_FROM, DEMO_TO, demoEnrollment } from "@hsa/demo-data";
import { quarterRange } from "@hsa/periods";
import { reportingUnits } from "@hsa/regions";
import { anchorEwenki, anchorQuyuan } from "./anchor";
import { seedEwenkiAssistance, seedEwenkiPooling, seedEwenkiRemote, seedQuyuan2022 } from "./seeds";
import {
  type AssistanceFacts,
  assistanceFacts,
  type BalanceFacts,
  balanceFacts,
  type PoolingFacts,
  poolingFacts,
  profileOf,
  type RemoteFacts,
  remoteFacts,
} from "./synthetic";

export type { AssistanceFacts, BalanceFacts, PoolingFacts, RemoteFacts } from "./synthetic";

/** The fund demo: the four facts of every reporting unit under a scope, every quarter of a range. */
export interface FundDemo {
  balances: BalanceFacts[];
  remote: RemoteFacts[];
  pooling: PoolingFacts[];
  assistance: AssistanceFacts[];
}

/**
 * Deterministic synthetic figures for every reporting unit under `scope` and every quarter in
 * [from, to] (default the demo range), with the seeds' real figures placed exactly (./seeds):
 * 屈原管理区 2022 income and expenditure, 鄂温克族自治旗 2023H1 remote care, outpatient pooling,
 * assistance and 两病. Subsidised enrollment is the enrollment demo's (one figure, two domains).
 * The accumulated balance runs on from a start of a few months' expenditure: + income − expenditure.
 */
export function demoFund(opts: { scope?: string; from?: string; to?: string } = {}): FundDemo {
  const from = opts.from ?? DEMO_FROM;
  const to = opts.to ?? DEMO_TO;
  // the accumulated balance runs from the demo's first quarter whatever range is asked for
  const start = [DEMO_FROM, from].sort()[0] as string; // quarters sort as plain strings
  const quarters = quarterRange(start, to);
  const scope = opts.scope ?? "000000";
  const subsidies = new Map(
    demoEnrollment({ scope, from: quarters[0], to }).map((f) => [
      `${f.regionCode}|${f.quarter}`,
      { persons: f.subsidisedPersons, fen: f.subsidyAmountFen },
    ]),
  );
  const demo: FundDemo = { balances: [], remote: [], pooling: [], assistance: [] };
  for (const unit of reportingUnits(scope)) {
    const p = profileOf(unit.code);
    const balances: BalanceFacts[] = [];
    const remote: RemoteFacts[] = [];
    const pooling: PoolingFacts[] = [];
    const assistance: AssistanceFacts[] = [];
    for (const q of quarters) {
      balances.push(...balanceFacts(unit.code, q, p));
      remote.push(...remoteFacts(unit.code, q, p));
      pooling.push(poolingFacts(unit.code, q, p));
      const subsidy = subsidies.get(`${unit.code}|${q}`) ?? { persons: 0, fen: 0n };
      assistance.push(assistanceFacts(unit.code, q, p, subsidy));
    }
    // the seeded units' series are scaled to their seeds first (./anchor), then the seeds placed
    if (unit.code === "430671") anchorQuyuan(balances);
    if (unit.code === "150724") anchorEwenki(remote, pooling, assistance);
    demo.remote.push(...remote);
    demo.pooling.push(...pooling);
    demo.assistance.push(...assistance);
    seedQuyuan2022(balances);
    for (const scheme of ["EMPLOYEE", "RESIDENT"] as const) {
      const mine = balances.filter((b) => b.scheme === scheme);
      const first = mine[0];
      if (!first) continue;
      let reserve = (first.expenditureFen / 300n) * BigInt(Math.round(p.reserveMonths[scheme] * 100));
      for (const b of mine) {
        reserve += b.incomeFen - b.expenditureFen;
        if (reserve < 0n) reserve = 0n;
        b.accumulatedBalanceFen = reserve;
      }
    }
    demo.balances.push(...balances);
  }
  seedEwenkiRemote(demo.remote);
  seedEwenkiPooling(demo.pooling);
  seedEwenkiAssistance(demo.assistance);
  const inRange = (r: { quarter: string }) => r.quarter >= from;
  return {
    balances: demo.balances.filter(inRange),
    remote: demo.remote.filter(inRange),
    pooling: demo.pooling.filter(inRange),
    assistance: demo.assistance.filter(inRange),
  };
}
