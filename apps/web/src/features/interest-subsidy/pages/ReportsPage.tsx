import { App, Button, Card, Descriptions, Space, Table, Tag } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { Link, useNavigate, useParams } from 'react-router';
import { regionName } from '@relief/domain';
import { CaseDetailView } from '../../../components/case/CaseDetailView';
import { caseQueryKey, useCaseDetail } from '../../../components/case/case.api';
import { withoutMeasureSteps } from '../../../components/case/case-actions';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { downloadFile } from '../../../lib/api';
import { showApiError } from '../../../lib/form-errors';
import { formatDateZh, formatInstant, formatYuan } from '../../../lib/format';
import { BASE, generateReport, isKey, type ReportView, signReport, useReport, useReports } from '../api/interest-subsidy.api';
import { T } from '../texts';
import { stateTag } from './ApplicationsPage';

const lateTag = (late: boolean) => (late ? <Tag color="red">{T.report.late}</Tag> : <Tag color="green">{T.report.onTime}</Tag>);

/** The cities' 汇总表: a city generates its own from approved applications; the province sees all. */
export function ReportsPage({ isCity }: { isCity: boolean }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const list = useReports();
  const generate = async () => {
    try {
      const r = await generateReport();
      void message.success(T.report.generated);
      await qc.invalidateQueries({ queryKey: isKey });
      navigate(String(r.id));
    } catch (e) {
      showApiError(e, message);
    }
  };
  return (
    <PageContainer title={T.report.title} testId="is-reports" extra={isCity ? <Button type="primary" onClick={() => void generate()} data-testid="is-generate-report">{T.report.generate}</Button> : null}>
      <Card>
        {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Table<ReportView> rowKey="id" loading={list.isLoading} dataSource={list.data?.items ?? []} pagination={{ pageSize: 20, showTotal: (n) => `共 ${n} 份` }} data-testid="is-reports-table" columns={[
          { title: '编号', dataIndex: 'id', width: 70, render: (id: number) => <Link to={String(id)} data-testid={`is-report-${id}`}>{id}</Link> },
          { title: T.report.city, dataIndex: 'cityName' },
          { title: T.report.count, dataIndex: 'applicationCount' },
          { title: T.app.subsidy, dataIndex: 'subsidyFen', align: 'right', render: (v: number) => formatYuan(v) },
          { title: T.app.state, dataIndex: 'stateLabel', render: (v: string) => <Tag>{v}</Tag> },
          { title: T.report.deadline, dataIndex: 'deadline', render: (v: string) => formatDateZh(v) },
          { title: T.report.submittedAt, dataIndex: 'submittedAt', render: (v: string | null) => formatInstant(v) },
          { title: '', dataIndex: 'late', render: lateTag },
        ]} />
      </Card>
    </PageContainer>
  );
}

/** One 汇总表: its lines (from the approved applications), the joint signature, the export and the case. */
export function ReportDetailPage({ canSign }: { canSign: boolean }) {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const r = useReport(id);
  const c = useCaseDetail(id);
  const refresh = async () => {
    await qc.invalidateQueries({ queryKey: isKey });
    await qc.invalidateQueries({ queryKey: caseQueryKey(id) });
  };
  const report = r.data;
  const mySignatureDue = canSign && report?.state === 'draft' && c.data?.actions.some((a) => a.key === 'submit');
  const sign = async () => {
    if (!report) return;
    try {
      await signReport(id, report.version);
      void message.success(T.report.signed);
      await refresh();
    } catch (e) {
      showApiError(e, message);
      await refresh();
    }
  };
  return (
    <PageContainer title={report ? `${report.cityName}贷款贴息汇总表` : T.report.title} testId="is-report-detail" extra={(
      <>
        {mySignatureDue ? <Button type="primary" onClick={() => void sign()} data-testid="is-sign-report">{T.report.sign}</Button> : null}
        <Button onClick={() => void downloadFile(`${BASE}/reports/${id}/export`, undefined, '贷款贴息汇总表.xlsx').catch((e) => showApiError(e, message))} data-testid="is-export-report">{T.report.export}</Button>
      </>
    )}>
      {r.error ? <QueryError error={r.error} onRetry={() => void r.refetch()} /> : null}
      {report ? (
        <Space orientation="vertical" size={16} style={{ width: '100%' }}>
          <Card>
            <Descriptions size="small" column={{ xs: 1, md: 4 }}>
              <Descriptions.Item label={T.app.state}><Tag data-testid="is-report-state">{report.stateLabel}</Tag></Descriptions.Item>
              <Descriptions.Item label={T.report.deadline}>{formatDateZh(report.deadline)} {lateTag(report.late)}</Descriptions.Item>
              <Descriptions.Item label={T.report.count}>{report.applicationCount}</Descriptions.Item>
              <Descriptions.Item label={T.app.subsidy}>{formatYuan(report.subsidyFen)}</Descriptions.Item>
            </Descriptions>
            <Table size="small" rowKey="id" pagination={false} dataSource={report.items} style={{ marginTop: 12 }} columns={[
              { title: T.app.enterprise, dataIndex: 'enterpriseName' },
              { title: T.app.uscc, dataIndex: 'uscc' },
              { title: T.app.region, dataIndex: 'regionCode', render: (v: string) => regionName(v) ?? v },
              { title: T.app.contracts, dataIndex: 'contractCount' },
              { title: T.app.principal, dataIndex: 'principalFen', align: 'right', render: (v: number) => formatYuan(v) },
              { title: T.app.subsidy, dataIndex: 'subsidyFen', align: 'right', render: (v: number) => formatYuan(v) },
              { title: T.app.state, dataIndex: 'stateLabel', render: (v: string, a) => stateTag(a.state, v) },
            ]} />
          </Card>
          {c.data ? <CaseDetailView detail={withoutMeasureSteps(c.data)} renderData={() => null} onChanged={() => void refresh()} onStale={() => void refresh()} /> : null}
        </Space>
      ) : null}
    </PageContainer>
  );
}
