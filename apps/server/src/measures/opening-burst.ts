import type { BridgeLoanBurstSession } from './bridge-loan/bridge-loan.seed';

// The applications of the opening-day burst (LESSONS.md "Load and failure"), as an enterprise's
// browser sends them: a new 应急转贷 (created and submitted in one request) and a new 贷款贴息
// application. The load benchmark (bench/src/benchmarks/opening-burst.ts) and the crash test
// (test/crash-durability.test.ts) send the same ones. Each carries a contract number found in
// no other, so its answer, or a read-back, shows whose it is.

/** One application of the burst: where it is sent, what, and the contract number only it carries. */
export interface BurstApplication {
  path: string;
  body: Record<string, unknown>;
  own: string;
}

/** Shanghai's civil date n days from now: the burst runs on the real clock, and maturity dates must not be past. */
export function shanghaiDatePlus(days: number): string {
  return new Date(Date.now() + 8 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);
}

/** A new 应急转贷 application, submitted at once; `key` makes its idempotency key and contract number. */
export function burstBridgeLoan(s: BridgeLoanBurstSession, key: string): BurstApplication {
  const loanContractNo = `BURST-${key}`;
  return {
    path: '/api/bridge-loans',
    body: {
      idempotencyKey: `burst-${key}`, submit: true, bankOrgId: s.bankOrgId, loanContractNo, loanType: 'working_capital',
      loanAmountFen: 500_000_000, loanMaturityOn: shanghaiDatePlus(5), bridgeAmountFen: 500_000_000, bridgeDays: 5,
      contactName: '开业冲击', contactPhone: '0531-88886666', remark: null,
    },
    own: loanContractNo,
  };
}

/** A new 贷款贴息 application of one year-long 3.15% contract; only a session on the priority list may send it. */
export function burstInterestSubsidy(s: BridgeLoanBurstSession, key: string): BurstApplication {
  if (!s.priorityList) throw new Error(`${s.uscc} is not on the priority list and may not apply for 贴息`);
  const contractNo = `BURST-IS-${key}`;
  return {
    path: '/api/interest-subsidy/applications',
    body: {
      idempotencyKey: `burst-is-${key}`, contactName: '开业冲击', contactPhone: '0531-88886666',
      contracts: [{
        bankName: '中国工商银行济南历下支行', contractNo, effectiveOn: shanghaiDatePlus(-1), drawdownOn: shanghaiDatePlus(0), maturityOn: shanghaiDatePlus(365),
        principalFen: 1_000_000_000, annualRatePpm: 31_500, interestPaidFen: null,
      }],
    },
    own: contractNo,
  };
}
