import { Tag } from 'antd';
import { useEffect, useState } from 'react';
import { T } from '../texts';

/** A countdown to 24:00 of a green-channel case's due day (its dueAt instant), refreshed each minute. */
export function GreenCountdown({ dueAt, testId }: { dueAt: string | null; testId?: string }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 60_000);
    return () => clearInterval(timer);
  }, []);
  if (!dueAt) return null;
  const left = Date.parse(dueAt) - now;
  if (left <= 0) return <Tag color="red" data-testid={testId}>{T.countdownOver}</Tag>;
  const minutes = Math.floor(left / 60_000);
  // Beyond a day the case was filed on a day off: its day is still to come.
  const h = Math.floor(minutes / 60);
  return <Tag color={h < 2 ? 'orange' : 'green'} data-testid={testId}>{T.countdown(h, minutes % 60)}</Tag>;
}
