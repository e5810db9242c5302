// 贷款贴息 in the opening-day burst: pushes one kind of request onto OPENING_BURST_REQUESTS (the
// hook opening-burst.ts leaves), so the burst mixes new 贴息 applications (create + submit through
// the measure's service and the case engine) with the bridge loans. Only firms on the provincial
// priority list may apply (鲁工信发〔2020〕1号 第五条): the burst puts every other enterprise on it
// and says which in its sessions (seedBridgeLoanBurst), and only those send 贴息.
import { burstInterestSubsidy } from '../../../apps/server/src/measures/opening-burst';
import { OPENING_BURST_REQUESTS } from './opening-burst';

// BENCH_BURST_SUBSIDY=0 leaves 贴息 out (to compare with the bridge-loan-only burst).
if (process.env.BENCH_BURST_SUBSIDY !== '0') OPENING_BURST_REQUESTS.push({
  label: '贷款贴息申请',
  weight: 1,
  eligible: (s) => s.priorityList,
  make: (s, seq) => burstInterestSubsidy(s, `${process.pid}-${seq}`),
});
