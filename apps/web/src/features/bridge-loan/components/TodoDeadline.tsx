import { DeadlineBadge } from '../../../components/case/DeadlineBadge';
import type { BridgeLoanView } from '../api/bridge-loan.api';
import { DueCountdown } from '../../../components/case/DueCountdown';

/** 办理期限 of a waiting case: the countdown to 24:00 on the green channel until it passes, otherwise 剩余 / 已超期 N 个工作日, as on the 工作台. */
export function TodoDeadline({ loan }: { loan: BridgeLoanView }) {
  if (loan.greenChannel && loan.dueAt && !loan.deadline?.overdue) return <DueCountdown dueAt={loan.dueAt} testId={`bl-countdown-${loan.caseId}`} />;
  return <DeadlineBadge deadline={loan.deadline} testId={`bl-deadline-${loan.caseId}`} />;
}
