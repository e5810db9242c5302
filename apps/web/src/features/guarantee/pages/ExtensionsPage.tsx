import { Card, Form, Select, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatDate } from '../../../lib/format';
import { cleanQuery, type GuaranteeExtensionView, useGuaranteeExtensions } from '../api/guarantee.api';
import { T } from '../texts';
import { serverPagination } from '../../../lib/pagination';

const STATES = [
  { value: 'requested', label: '待审核', color: 'gold' },
  { value: 'returned', label: '退回修改', color: 'orange' },
  { value: 'approved', label: '已同意延期', color: 'green' },
  { value: 'rejected', label: '不同意延期', color: 'red' },
  { value: 'withdrawn', label: '已撤回', color: 'default' },
];

/** Extension requests of recovery deadlines: the institution's own, or all of them for 省工信厅 to decide. */
export function ExtensionsPage() {
  const [state, setState] = useState<string | undefined>('requested');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = cleanQuery({ state });
  const list = useGuaranteeExtensions({ ...query, page, pageSize });
  const columns: TableColumnsType<GuaranteeExtensionView> = [
    { title: T.ext.caseId, dataIndex: 'caseId', render: (v: number) => <Link to={String(v)} data-testid={`gu-ext-open-${v}`}>{v}</Link> },
    { title: T.filing.institution, dataIndex: 'institutionName' },
    { title: T.filing.enterprise, dataIndex: 'enterpriseName' },
    { title: T.filing.contractNo, dataIndex: 'contractNo' },
    { title: T.ext.previousDueOn, dataIndex: 'previousDueOn', render: (v: string) => formatDate(v) },
    { title: T.ext.requestedDueOn, dataIndex: 'requestedDueOn', render: (v: string) => formatDate(v) },
    { title: T.ext.reason, dataIndex: 'reason', ellipsis: true, width: 260 },
    { title: T.ext.state, dataIndex: 'state', render: (v: string, r) => <Tag color={STATES.find((s) => s.value === v)?.color}>{r.stateLabel}</Tag> },
    { title: T.ext.dueOn, dataIndex: 'dueOn', render: (v: string | null) => formatDate(v) },
  ];
  return (
    <PageContainer title={T.ext.title} subTitle={T.ext.hint} testId="gu-extensions-page"
      extra={<ExportButton path="/api/guarantee/extensions/export" query={query} fallbackName="追偿时限延期申请.xlsx" />}>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label={T.ext.state}>
            <Select allowClear value={state} onChange={(v) => { setState(v); setPage(1); }} style={{ width: 160 }} options={STATES} placeholder={T.common.all} data-testid="gu-ext-state" />
          </Form.Item>
        </Form>
      </Card>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<GuaranteeExtensionView>
          rowKey="id" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} scroll={{ x: 'max-content' }}
          pagination={serverPagination({ page, pageSize, total: list.data?.total ?? 0, setPage, setPageSize, showTotal: T.common.total })}
          data-testid="gu-extensions-table"
        />
      )}
    </PageContainer>
  );
}
