import { Card, Skeleton } from 'antd';
import { InboxTable } from '../../../components/case/InboxTable';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { useI18n } from '../../../lib/i18n-context';
import { useMe } from '../../../lib/use-me';
import { useInbox } from '../api/inbox.api';

/** The start page: the cases waiting on my organisation and role, the most urgent first. */
export function WorkbenchPage() {
  const { t } = useI18n();
  const me = useMe().data;
  const inbox = useInbox();
  return (
    <PageContainer title={t('workbench.title')} subTitle={me ? t('workbench.welcome', { name: me.displayName }) : undefined} testId="workbench">
      <Card title={t('workbench.inbox')} extra={inbox.data ? t('common.total', { total: inbox.data.items.length }) : null}>
        {inbox.isPending ? (
          <Skeleton active />
        ) : inbox.isError ? (
          <QueryError error={inbox.error} onRetry={() => void inbox.refetch()} />
        ) : (
          <InboxTable items={inbox.data.items} loading={inbox.isFetching} />
        )}
      </Card>
    </PageContainer>
  );
}
