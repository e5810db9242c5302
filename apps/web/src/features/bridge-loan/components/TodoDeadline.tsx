import { DeadlineBadge } from '../../../components/case/DeadlineBadge';
import type { BridgeLoanView } from '../api/bridge-loan.api';
import { GreenCountdown } from './GreenCountdown';

/** 办理期限 of a waiting case: the countdown to 24:00 on the green channel, otherwise 剩余 / 已超期 N 个工作日 as on the 工作台. */
export function TodoDeadline({ loan }: { loan: BridgeLoanView }) {
  if (loan.greenChannel && loan.dueAt) return <GreenCountdown dueAt={loan.dueAt} testId={`bl-countdown-${loan.caseId}`} />;
  return <DeadlineBadge deadline={loan.deadline} testId={`bl-deadline-${loan.caseId}`} />;
}
