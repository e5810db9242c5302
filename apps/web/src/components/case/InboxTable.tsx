import type { CaseSummary } from '@relief/domain';
import { Empty, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate } from 'react-router';
import { useI18n } from '../../lib/i18n-context';
import { DeadlineBadge } from './DeadlineBadge';
import { DueCountdown } from './DueCountdown';
import { useMeasureTitle } from './measure-title';

export interface InboxTableProps {
  items: CaseSummary[];
  loading?: boolean;
  testId?: string;
}

/**
 * Waiting cases in the server's order (by deadline, the most urgent first; no client sorting, so
 * what the holder sees first is what runs out first). A row opens the case.
 */
export function InboxTable({ items, loading, testId = 'inbox-table' }: InboxTableProps) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const measureTitle = useMeasureTitle();

  const columns: TableColumnsType<CaseSummary> = [
    {
      title: t('case.title'),
      dataIndex: 'title',
      render: (title: string, c) => (
        <Link to={`/cases/${c.id}`} onClick={(e) => e.stopPropagation()} data-testid="inbox-item-link">
          {title || `#${c.id}`}
        </Link>
      ),
    },
    { title: t('case.measure'), dataIndex: 'measure', render: (m: string) => measureTitle(m) },
    { title: t('case.state'), dataIndex: 'stateLabel', render: (label: string, c) => label || c.state },
    {
      title: t('case.deadline'),
      key: 'deadline',
      // A green-channel case is due the same day: its holder watches the hours to 24:00, as in the
      // measure's 待办. Once past, how many working days it is overdue says more.
      render: (_: unknown, c) => (c.priority > 0 && c.deadline && !c.deadline.overdue
        ? <DueCountdown dueAt={c.deadline.dueAt} testId="inbox-item-countdown" />
        : <DeadlineBadge deadline={c.deadline} testId="inbox-item-deadline" />),
    },
    { title: t('case.owner'), dataIndex: 'ownerName', render: (v: string) => v || '—' },
    {
      title: t('case.flags'),
      key: 'flags',
      render: (_: unknown, c) => (
        <Space size={4}>
          {c.priority > 0 ? <Tag color="green">{t('case.priority')}</Tag> : null}
          {c.held ? (
            <Tooltip title={c.holdReason ?? undefined}>
              <Tag color="orange">{t('case.held')}</Tag>
            </Tooltip>
          ) : null}
          {c.escalated ? <Tag color="red">{t('case.escalated')}</Tag> : null}
        </Space>
      ),
    },
  ];

  return (
    <Table<CaseSummary>
      rowKey={(c) => String(c.id)}
      columns={columns}
      dataSource={items}
      loading={loading}
      locale={{ emptyText: <Empty description={t('workbench.empty')} data-testid="inbox-empty" /> }}
      pagination={items.length > 20 ? { pageSize: 20, showTotal: (total) => t('common.total', { total }) } : false}
      onRow={(c) => {
        // data-* attributes are valid on a row; TypeScript only admits them in JSX, hence the cast.
        const props: HTMLAttributes<HTMLElement> & Record<string, unknown> = {
          onClick: () => void navigate(`/cases/${c.id}`),
          style: { cursor: 'pointer' },
          'data-testid': 'inbox-item',
          'data-case-id': c.id,
        };
        return props;
      }}
      scroll={{ x: 'max-content' }}
      data-testid={testId}
    />
  );
}
