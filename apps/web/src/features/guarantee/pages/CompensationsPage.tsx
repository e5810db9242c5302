import { Button, Card, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatDate, formatYuan } from '../../../lib/format';
import { cleanQuery, type GuaranteeCompensationView, useGuaranteeCompensations } from '../api/guarantee.api';
import { ExtensionModal, type ExtensionTarget } from '../components/ExtensionModal';
import { RecoveryModal } from '../components/RecoveryModal';
import { T } from '../texts';
import { serverPagination } from '../../../lib/pagination';

const STATUS_COLOR: Record<string, string> = { recovering: 'blue', overdue: 'red', recovered: 'green' };

/** Compensations and their recovery: deadlines (extended or not), overdue recoveries, and the institution's actions. */
export function CompensationsPage({ canFile }: { canFile: boolean }) {
  const [filters, setFilters] = useState<{ q?: string; status?: string }>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [recover, setRecover] = useState<GuaranteeCompensationView | null>(null);
  const [extend, setExtend] = useState<ExtensionTarget | null>(null);
  const query = cleanQuery(filters);
  const list = useGuaranteeCompensations({ ...query, page, pageSize });
  const [form] = Form.useForm();

  const columns: TableColumnsType<GuaranteeCompensationView> = [
    ...(canFile ? [] : [{ title: T.filing.institution, dataIndex: 'institutionName' }]),
    { title: T.filing.enterprise, dataIndex: 'enterpriseName' },
    { title: '所在市', dataIndex: 'cityName' },
    { title: T.filing.contractNo, dataIndex: 'contractNo' },
    { title: T.comp.guaranteed, dataIndex: 'guaranteedFen', align: 'right', render: (v: number) => formatYuan(v) },
    { title: T.comp.paidOn, dataIndex: 'paidOn', render: (v: string) => formatDate(v) },
    { title: T.comp.amountCol, dataIndex: 'amountFen', align: 'right', render: (v: number) => formatYuan(v) },
    {
      title: T.comp.dueOn, dataIndex: 'recoveryDueOn',
      render: (v: string, r) => (
        <Space size={4}>
          {formatDate(v)}
          {r.extended ? <Tag color="purple" title={`${T.comp.originalDueOn}：${formatDate(r.originalDueOn)}`}>{T.comp.extended}</Tag> : null}
        </Space>
      ),
    },
    { title: T.comp.status, dataIndex: 'status', render: (v: string) => <Tag color={STATUS_COLOR[v]}>{T.comp.statusLabels[v]}</Tag> },
    { title: T.comp.recoveredCol, dataIndex: 'recoveredFen', align: 'right', render: (v: number | null) => formatYuan(v) },
    {
      title: '延期', key: 'ext',
      render: (_, r) => (r.openExtensionCaseId ? <Link to={`../extensions/${r.openExtensionCaseId}`}>{T.comp.extensionOpen}</Link> : null),
    },
    ...(canFile
      ? [{
        title: '操作', key: 'actions', fixed: 'right' as const,
        render: (_: unknown, r: GuaranteeCompensationView) => (r.recoveredOn ? null : (
          <Space size={4}>
            <Button size="small" onClick={() => setRecover(r)}>{T.comp.recover}</Button>
            {r.openExtensionCaseId ? null : (
              <Button size="small" onClick={() => setExtend({ compensationId: r.id, enterpriseName: r.enterpriseName, currentDueOn: r.recoveryDueOn })} data-testid={`gu-extend-${r.contractNo}`}>{T.comp.extend}</Button>
            )}
          </Space>
        )),
      }]
      : []),
  ];

  return (
    <PageContainer title={T.nav.compensations} subTitle="对确无还款能力的小微企业及时代偿；视疫情影响情况适当延长追偿时限（鲁工信发〔2020〕1号 第四条）" testId="gu-compensations-page"
      extra={<ExportButton path="/api/guarantee/compensations/export" query={query} fallbackName="代偿与追偿.xlsx" />}>
      <Card style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={(v: { q?: string; status?: string }) => { setFilters(v); setPage(1); }}>
          <Form.Item name="q"><Input allowClear placeholder="企业名称、代码或合同编号" style={{ width: 240 }} /></Form.Item>
          <Form.Item name="status" label={T.comp.status}>
            <Select allowClear style={{ width: 140 }} options={Object.entries(T.comp.statusLabels).map(([value, label]) => ({ value, label }))} data-testid="gu-comp-status" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">{T.common.search}</Button>
              <Button onClick={() => { form.resetFields(); setFilters({}); setPage(1); }}>{T.common.reset}</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<GuaranteeCompensationView>
          rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} scroll={{ x: 'max-content' }}
          rowClassName={(r) => (r.status === 'overdue' ? 'gu-row-overdue' : '')}
          pagination={serverPagination({ page, pageSize, total: list.data?.total ?? 0, setPage, setPageSize, showTotal: T.common.total })}
          data-testid="gu-compensations-table"
        />
      )}
      {recover ? <RecoveryModal comp={recover} onClose={() => setRecover(null)} /> : null}
      {extend ? <ExtensionModal target={extend} onClose={() => setExtend(null)} /> : null}
    </PageContainer>
  );
}
