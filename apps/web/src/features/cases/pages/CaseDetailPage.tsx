import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Skeleton } from 'antd';
import { Link, useParams } from 'react-router';
import { caseQueryKey, useCaseDetail } from '../../../components/case/case.api';
import { CaseDetailView } from '../../../components/case/CaseDetailView';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { isApiError } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n-context';

/** /cases/:id — any case the viewer may see, with the generic data view (measures bring their own pages). */
export function CaseDetailPage() {
  const { t } = useI18n();
  const params = useParams();
  const id = Number(params.id);
  const queryClient = useQueryClient();
  const detail = useCaseDetail(id);

  return (
    <PageContainer
      title={t('case.pageTitle')}
      extra={
        <Link to="/">
          <Button icon={<ArrowLeftOutlined />} data-testid="case-back">
            {t('app.backHome')}
          </Button>
        </Link>
      }
      testId="case-page"
    >
      {!Number.isInteger(id) || id <= 0 ? (
        <QueryError error={new Error(t('case.badId'))} />
      ) : detail.isPending ? (
        <Card>
          <Skeleton active />
        </Card>
      ) : detail.isError ? (
        <QueryError error={detail.error} onRetry={isApiError(detail.error) && detail.error.status === 404 ? undefined : () => void detail.refetch()} />
      ) : (
        <CaseDetailView
          detail={detail.data}
          onChanged={(next) => {
            queryClient.setQueryData(caseQueryKey(id), next);
            void queryClient.invalidateQueries({ queryKey: ['inbox'] });
          }}
          onStale={() => {
            void detail.refetch();
            void queryClient.invalidateQueries({ queryKey: ['inbox'] });
          }}
        />
      )}
    </PageContainer>
  );
}
