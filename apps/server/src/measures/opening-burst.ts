import { addCalendarDays, shanghaiDateOf } from '@relief/domain';
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
  /** Where its applicant reads it back, by the case id its answer gives. */
  detailPath(caseId: number): string;
  /** Whether its answer is a receipt (the case id) rather than the application, which names it only when read back. */
  answersWithReceipt: boolean;
}

/** Shanghai's civil date n days from today: the burst runs on the real clock, and maturity dates must not be past. */
function daysFromToday(days: number): string {
  return addCalendarDays(shanghaiDateOf(new Date()), days);
}

/** A new 应急转贷 application, submitted at once; `key` makes its idempotency key and contract number. */
export function burstBridgeLoan(s: BridgeLoanBurstSession, key: string): BurstApplication {
  const loanContractNo = `BURST-${key}`;
  return {
    path: '/api/bridge-loans',
    body: {
      idempotencyKey: `burst-${key}`, submit: true, bankOrgId: s.bankOrgId, loanContractNo, loanType: 'working_capital',
      loanAmountFen: 500_000_000, loanMaturityOn: daysFromToday(5), bridgeAmountFen: 500_000_000, bridgeDays: 5,
      contactName: '开业冲击', contactPhone: '0531-88886666', remark: null,
    },
    own: loanContractNo,
    detailPath: (caseId) => `/api/bridge-loans/${caseId}`,
    answersWithReceipt: true,
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
        bankName: '中国工商银行济南历下支行', contractNo, effectiveOn: daysFromToday(-1), drawdownOn: daysFromToday(0), maturityOn: daysFromToday(365),
        principalFen: 1_000_000_000, annualRatePpm: 31_500, interestPaidFen: null,
      }],
    },
    own: contractNo,
    detailPath: (caseId) => `/api/interest-subsidy/applications/${caseId}`,
    answersWithReceipt: false,
  };
}
