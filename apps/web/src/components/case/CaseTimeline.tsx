import type { CaseEventView } from '@relief/domain';
import { Empty, Space, Tag, Timeline, Typography } from 'antd';
import { formatInstant } from '../../lib/format';
import { useI18n } from '../../lib/i18n-context';

/** Timeline colours by what happened: decisions against the applicant red, holds and overdue orange. */
function colorOf(e: CaseEventView): string {
  if (e.action === 'overdue' || e.action === 'held') return 'orange';
  if (e.action === 'reject') return 'red';
  if (e.action === 'return') return 'orange';
  if (e.action === 'deadline_recomputed') return 'gray';
  return 'blue';
}

/** The case's events, oldest first: when (Asia/Shanghai), who and for which organisation, what, the step it led to, and the comment. */
export function CaseTimeline({ events }: { events: CaseEventView[] }) {
  const { t, locale } = useI18n();
  if (events.length === 0) return <Empty description={t('case.noEvents')} image={Empty.PRESENTED_IMAGE_SIMPLE} />;
  // Events carry the label of the state they led to; the state they came from was an earlier event's "to".
  const labels = new Map(events.flatMap((e) => (e.toState && e.toStateLabel ? [[e.toState, e.toStateLabel] as const] : [])));
  return (
    <Timeline
      data-testid="case-timeline"
      items={events.map((e) => ({
        key: e.id,
        color: colorOf(e),
        content: (
          <div data-testid="case-event" data-action={e.action}>
            <Space size={8} wrap>
              <Typography.Text type="secondary">{formatInstant(e.at, locale)}</Typography.Text>
              <Typography.Text strong>{e.actionLabel}</Typography.Text>
              {e.toStateLabel && e.fromState !== e.toState ? (
                <Tag color="blue" data-testid="case-event-states">
                  {e.fromState ? `${labels.get(e.fromState) ?? e.fromState} → ${e.toStateLabel}` : `→ ${e.toStateLabel}`}
                </Tag>
              ) : null}
            </Space>
            <div>
              <Typography.Text type="secondary">
                {[e.actorName ?? e.actorUsername ?? t('case.system'), e.actorOrgName].filter(Boolean).join(' · ')}
              </Typography.Text>
            </div>
            {e.comment ? (
              <Typography.Paragraph style={{ marginBottom: 0, whiteSpace: 'pre-wrap' }} data-testid="case-event-comment">
                {e.comment}
              </Typography.Paragraph>
            ) : null}
          </div>
        ),
      }))}
    />
  );
}
