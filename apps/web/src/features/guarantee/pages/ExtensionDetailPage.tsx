import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Skeleton } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { caseQueryKey, useCaseDetail } from '../../../components/case/case.api';
import { CaseDetailView } from '../../../components/case/CaseDetailView';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatDate } from '../../../lib/format';
import { GUARANTEE_KEY } from '../api/guarantee.api';
import { ExtensionModal, type ExtensionTarget } from '../components/ExtensionModal';
import { T } from '../texts';

/** One extension request: its facts, the case's holder, deadline, timeline and the actions allowed now. */
export function ExtensionDetailPage({ canFile }: { canFile: boolean }) {
  const id = Number(useParams().caseId);
  const qc = useQueryClient();
  const detail = useCaseDetail(id);
  const [resubmit, setResubmit] = useState<ExtensionTarget | null>(null);
  const refresh = () => {
    void detail.refetch();
    void qc.invalidateQueries({ queryKey: GUARANTEE_KEY });
    void qc.invalidateQueries({ queryKey: ['inbox'] });
  };
  const d = detail.data;
  const data = (d?.data ?? {}) as { compensationId?: number; enterpriseName?: string; contractNo?: string; previousDueOn?: string; requestedDueOn?: string; reason?: string };
  return (
    <PageContainer title={T.ext.title} testId="gu-extension-detail"
      extra={(
        <>
          {canFile && d?.state === 'returned' && d.ownerOrgId ? (
            <Button type="primary" data-testid="gu-ext-resubmit" onClick={() => setResubmit({
              compensationId: data.compensationId ?? 0, enterpriseName: data.enterpriseName ?? '', currentDueOn: data.previousDueOn ?? '',
              resubmit: { caseId: id, version: d.version, requestedDueOn: data.requestedDueOn ?? '', reason: data.reason ?? '' },
            })}>{T.ext.resubmit}</Button>
          ) : null}
          <Link to=".."><Button icon={<ArrowLeftOutlined />}>{T.nav.extensions}</Button></Link>
        </>
      )}>
      {detail.isPending ? <Card><Skeleton active /></Card> : detail.isError || !d ? <QueryError error={detail.error} /> : (
        <CaseDetailView
          detail={d}
          renderData={() => (
            <Descriptions size="small" column={2} bordered data-testid="gu-ext-data">
              <Descriptions.Item label={T.filing.enterprise}>{data.enterpriseName}</Descriptions.Item>
              <Descriptions.Item label={T.filing.contractNo}>{data.contractNo}</Descriptions.Item>
              <Descriptions.Item label={T.ext.previousDueOn}>{formatDate(data.previousDueOn)}</Descriptions.Item>
              <Descriptions.Item label={T.ext.requestedDueOn}>{formatDate(data.requestedDueOn)}</Descriptions.Item>
              <Descriptions.Item label={T.ext.reason} span={2}>{data.reason}</Descriptions.Item>
            </Descriptions>
          )}
          onChanged={(next) => { qc.setQueryData(caseQueryKey(id), next); void qc.invalidateQueries({ queryKey: GUARANTEE_KEY }); }}
          onStale={refresh}
        />
      )}
      {resubmit ? <ExtensionModal target={resubmit} onClose={() => { setResubmit(null); refresh(); }} /> : null}
    </PageContainer>
  );
}
