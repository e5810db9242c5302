import { Alert, Button, Card, Descriptions, Space, Table, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useParams } from 'react-router';
import { regionName } from '@relief/domain';
import { CaseDetailView } from '../../../components/case/CaseDetailView';
import { caseQueryKey, useCaseDetail } from '../../../components/case/case.api';
import { withoutMeasureSteps } from '../../../components/case/case-actions';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { downloadFile } from '../../../lib/api';
import { showApiError } from '../../../lib/form-errors';
import { formatInstant, formatYuan, ppmToPercent, formatDateZh } from '../../../lib/format';
import { BASE, isKey, reviseSubsidy, useApplication } from '../api/interest-subsidy.api';
import { ApplicationForm } from '../components/ApplicationForm';
import { T } from '../texts';
import { stateTag } from './ApplicationsPage';

/** One application: its contracts and subsidy, the case (holders, deadline, timeline, actions), the 申请表. */
export function ApplicationDetailPage({ isEnterprise }: { isEnterprise: boolean }) {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const a = useApplication(id);
  const c = useCaseDetail(id);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: isKey });
    await qc.invalidateQueries({ queryKey: caseQueryKey(id) });
  };
  const app = a.data;
  // The reason of the latest return, read right above the form that answers it.
  const returnReason = c.data?.events.findLast((e) => e.toState === 'revision' && e.comment)?.comment ?? null;
  return (
    <PageContainer
      title={T.app.detail}
      testId="is-application-detail"
      extra={<Button onClick={() => void downloadFile(`${BASE}/applications/${id}/form`, undefined, '贴息申请表.xlsx').catch((e) => showApiError(e, message))} data-testid="is-download-form">{T.app.form}</Button>}
    >
      {a.error ? <QueryError error={a.error} onRetry={() => void a.refetch()} /> : null}
      {app ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card>
            <Descriptions column={{ xs: 1, md: 3 }} size="small">
              <Descriptions.Item label={T.app.enterprise}>{app.enterpriseName}</Descriptions.Item>
              <Descriptions.Item label={T.app.uscc}>{app.uscc}</Descriptions.Item>
              <Descriptions.Item label={T.app.region}>{regionName(app.regionCode) ?? app.regionCode}</Descriptions.Item>
              <Descriptions.Item label={T.app.contact}>{app.contactName} {app.contactPhone}</Descriptions.Item>
              <Descriptions.Item label={T.app.state}>{stateTag(app.state, app.stateLabel)}</Descriptions.Item>
              <Descriptions.Item label={T.app.submittedAt}>{formatInstant(app.submittedAt)}</Descriptions.Item>
              <Descriptions.Item label={T.app.principal}>{formatYuan(app.principalFen)}</Descriptions.Item>
              <Descriptions.Item label={T.app.subsidy}><Typography.Text strong data-testid="is-detail-subsidy">{formatYuan(app.subsidyFen)}</Typography.Text></Descriptions.Item>
              {app.paidAt ? <Descriptions.Item label={T.app.paidAt}>{formatInstant(app.paidAt)}</Descriptions.Item> : null}
            </Descriptions>
            <Table size="small" rowKey="id" pagination={false} dataSource={app.contracts} style={{ marginTop: 12 }} columns={[
              { title: T.contract.bank, dataIndex: 'bankName' },
              { title: T.contract.no, dataIndex: 'contractNo' },
              { title: T.contract.effectiveOn, dataIndex: 'effectiveOn', render: (v: string | null) => (v ? formatDateZh(v) : '—') },
              { title: T.contract.drawdownOn, dataIndex: 'drawdownOn', render: (v: string | null) => (v ? formatDateZh(v) : '—') },
              { title: T.contract.maturityOn, dataIndex: 'maturityOn', render: (v: string | null) => (v ? formatDateZh(v) : '—') },
              { title: T.contract.principal, dataIndex: 'principalFen', align: 'right', render: (v: number) => formatYuan(v) },
              { title: T.contract.rate, dataIndex: 'annualRatePpm', render: (v: number) => ppmToPercent(v) },
              { title: T.contract.days, dataIndex: 'subsidyDays' },
              { title: T.contract.subsidy, dataIndex: 'subsidyFen', align: 'right', render: (v: number) => formatYuan(v) },
            ]} />
          </Card>
          {c.error ? <QueryError error={c.error} onRetry={() => void c.refetch()} /> : null}
          {c.data ? <CaseDetailView detail={withoutMeasureSteps(c.data)} renderData={() => null} onChanged={() => void refresh()} onStale={() => void refresh()} extra={isEnterprise && app.state === 'revision' ? (
            <Card title={T.app.revise} data-testid="is-revise">
              {returnReason ? <Alert type="warning" showIcon title={T.app.returned} description={returnReason} style={{ marginBottom: 16 }} data-testid="is-return-reason" /> : null}
              <ApplicationForm initial={app} submitLabel={T.apply.submit} onSubmit={async (f) => {
                await reviseSubsidy(id, { ...f, version: app.version });
                await refresh();
              }} />
            </Card>
          ) : null} /> : null}
        </Space>
      ) : null}
    </PageContainer>
  );
}
