import { ClockCircleOutlined, ExclamationCircleOutlined } from '@ant-design/icons';
import type { DeadlineView } from '@relief/domain';
import { Tag, Tooltip, Typography } from 'antd';
import { useI18n } from '../../lib/i18n-context';
import { describeDeadline } from './deadline';

/**
 * 剩余 N 个工作日 / 今日到期 / 已超期 N 个工作日, with the due date (24:00 of its day) on hover; a
 * provisional deadline (a year without the State Council's holiday notice) is marked with "*".
 */
export function DeadlineBadge({ deadline, testId }: { deadline: DeadlineView | null | undefined; testId?: string }) {
  const { t, locale } = useI18n();
  if (!deadline)
    return (
      <Typography.Text type="secondary" data-testid={testId}>
        {t('deadline.none')}
      </Typography.Text>
    );
  const b = describeDeadline(deadline, locale);
  return (
    <Tooltip
      title={
        <>
          {b.tooltip.map((line) => (
            <div key={line}>{line}</div>
          ))}
        </>
      }
    >
      <Tag
        color={b.color}
        icon={deadline.overdue ? <ExclamationCircleOutlined /> : <ClockCircleOutlined />}
        data-testid={testId}
        data-overdue={deadline.overdue}
        data-provisional={deadline.provisional}
        style={{ marginInlineEnd: 0 }}
      >
        {b.text}
        {deadline.provisional ? '*' : null}
      </Tag>
    </Tooltip>
  );
}
