import { Card, Empty, List, Skeleton, Space, Tag } from 'antd';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatDate } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { useMe } from '../../../lib/use-me';
import { useInbox, type InboxItem } from '../api/inbox.api';

function InboxRow({ item }: { item: InboxItem }) {
  const { t, locale } = useI18n();
  const d = item.deadline;
  return (
    <List.Item data-testid="inbox-item">
      <List.Item.Meta
        title={item.title || `#${item.id}`}
        description={
          <Space size={12} wrap>
            {item.holderName ? <span>{t('workbench.holder', { name: item.holderName })}</span> : null}
            {d ? <span>{t('workbench.deadline', { date: formatDate(d.dueOn, locale) })}</span> : null}
          </Space>
        }
      />
      <Space size={4}>
        {d ? (
          <Tag color={d.overdue ? 'red' : d.remainingWorkingDays <= 1 ? 'orange' : 'blue'}>
            {d.overdue ? t('workbench.overdue', { n: d.overdueWorkingDays }) : t('workbench.remaining', { n: d.remainingWorkingDays })}
          </Tag>
        ) : null}
        <Tag>{item.stateLabel || item.state}</Tag>
      </Space>
    </List.Item>
  );
}

export function WorkbenchPage() {
  const { t } = useI18n();
  const me = useMe().data;
  const inbox = useInbox();
  return (
    <PageContainer title={t('workbench.title')} subTitle={me ? t('workbench.welcome', { name: me.displayName }) : undefined} testId="workbench">
      <Card title={t('workbench.inbox')}>
        {inbox.isPending ? (
          <Skeleton active />
        ) : inbox.isError ? (
          <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} />
        ) : inbox.data.items.length === 0 ? (
          <Empty description={t('workbench.empty')} data-testid="inbox-empty" />
        ) : (
          <List dataSource={inbox.data.items} rowKey={(i) => String(i.id)} renderItem={(item) => <InboxRow item={item} />} data-testid="inbox-list" />
        )}
      </Card>
    </PageContainer>
  );
}
