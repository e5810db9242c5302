import { Alert } from 'antd';
import { formatDateZh } from '../../../lib/format';
import { T } from '../texts';

/** 申报截止 2020年2月7日 24:00，剩余 N 个工作日 — or the closing date once it has passed. */
export function WindowCountdown({ closesOn, open, remainingWorkingDays, message }: { closesOn: string; open: boolean; remainingWorkingDays: number; message?: string | null }) {
  const closes = formatDateZh(closesOn);
  if (open) return <Alert type={remainingWorkingDays <= 1 ? 'warning' : 'info'} showIcon title={T.claim.windowText(closes, remainingWorkingDays)} data-testid="rc-window" />;
  return <Alert type="warning" showIcon title={message ?? T.claim.windowClosed(closes)} data-testid="rc-window" />;
}
