import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { useI18n } from '../../lib/i18n-context';

/**
 * A countdown to 24:00 of a same-day case's due day (its dueAt instant), refreshed each minute:
 * what a green-channel case's holder watches, wherever the case is listed.
 */
export function DueCountdown({ dueAt, testId }: { dueAt: string | null; testId?: string }) {
  const { t } = useI18n();
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  if (!dueAt) return null;
  const left = Date.parse(dueAt) - now;
  if (left <= 0) return <Tag color="red" data-testid={testId}>{t('deadline.countdownOver')}</Tag>;
  const minutes = Math.floor(left / 60_000);
  // Beyond a day the case was filed on a day off: its day is still to come.
  const h = Math.floor(minutes / 60);
  return <Tag color={h < 2 ? 'orange' : 'green'} data-testid={testId}>{t('deadline.countdown', { h, m: minutes % 60 })}</Tag>;
}
