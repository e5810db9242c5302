import { Card, Form, Input, Select, Space, Table, type TableColumnsType, Tag, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatInstant, formatYuan, ppmToPercent } from '../../../lib/format';
import { type BridgeLoanView, cleanQuery, useBridgeLoans } from '../api/bridge-loan.api';
import { TodoDeadline } from '../components/TodoDeadline';
import { STATE_OPTIONS, T } from '../texts';

/** A long organisation name on one line, cut with "…" and shown whole on hover. */
const nameCell = (name: string | null) => (name ? <Tooltip placement="topLeft" title={name}>{name}</Tooltip> : '—');

/** Applications in the reader's scope; `todo` lists what waits for the reader's organisation, green channel first with a countdown to 24:00. */
export function ListPage({ todo = false }: { todo?: boolean }) {
  const [filters, setFilters] = useState<{ state?: string; green?: string; overdue?: string; q?: string }>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const query = cleanQuery({ ...filters, ...page, ...(todo ? { todo: 'true' } : {}) });
  const list = useBridgeLoans(query);
  // At 1440 px the enterprise keeps a line of its own; banks and operators are cut with the whole name on hover,
  // and the time of application goes under its date.
  const nameWidth = todo ? 112 : 180;
  const columns: TableColumnsType<BridgeLoanView> = [
    { title: T.field.caseId, dataIndex: 'caseId', width: 56, render: (id: number) => <Link to={`/measures/bridge-loan/cases/${id}`} data-testid={`bl-open-${id}`}>{id}</Link> },
    {
      title: T.field.enterprise, dataIndex: 'enterpriseName',
      render: (name: string, r) => (
        <>
          <Typography.Text ellipsis={{ tooltip: { title: name, placement: 'topLeft' } }} style={{ display: 'block' }}>
            <Link to={`/measures/bridge-loan/cases/${r.caseId}`}>{name}</Link>
          </Typography.Text>
          {r.greenChannel || r.repaymentOverdue ? (
            <Space size={4}>
              {r.greenChannel ? <Tag color="green" data-testid={`bl-green-${r.caseId}`}>{T.greenTag}</Tag> : null}
              {r.repaymentOverdue ? <Tag color="red">{T.overdueTag}</Tag> : null}
            </Space>
          ) : null}
        </>
      ),
    },
    { title: T.field.state, dataIndex: 'stateLabel', width: 116, render: (s: string, r) => <Tag data-testid={`bl-state-${r.caseId}`}>{s}</Tag> },
    ...(todo ? [{
      title: T.field.due, key: 'due', width: 190,
      render: (_: unknown, r: BridgeLoanView) => <TodoDeadline loan={r} />,
    }] : []),
    { title: T.field.bridgeAmount, dataIndex: 'bridgeAmountFen', align: 'right', width: 116, render: (v: number | null) => formatYuan(v) },
    { title: T.field.days, dataIndex: 'bridgeDays', align: 'right', width: 76 },
    { title: T.field.bank, dataIndex: 'bankName', width: nameWidth, ellipsis: { showTitle: false }, render: nameCell },
    { title: T.field.operator, dataIndex: 'operatorName', width: nameWidth, ellipsis: { showTitle: false }, render: nameCell },
    { title: T.field.feeRate, dataIndex: 'feeRatePpm', width: 64, render: (v: number | null) => ppmToPercent(v) },
    { title: T.field.submittedAt, dataIndex: 'submittedAt', width: 124, render: (v: string | null) => formatInstant(v) },
  ];
  return (
    <PageContainer title={todo ? `${T.title}${T.nav.todo}` : `${T.title}申请`} testId={todo ? 'bl-todo-page' : 'bl-list-page'}
      extra={<ExportButton path="/api/bridge-loans/export" query={query} fallbackName="应急转贷申请.xlsx" testId="bl-export" />}>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" onValuesChange={(_, all) => { setFilters(all as typeof filters); setPage((p) => ({ ...p, page: 1 })); }}>
          <Form.Item name="state" label={T.field.state}>
            <Select allowClear placeholder={T.all} style={{ width: 160 }} options={STATE_OPTIONS.map(([value, label]) => ({ value, label }))} />
          </Form.Item>
          <Form.Item name="green" label={T.field.green}>
            <Select allowClear placeholder={T.all} style={{ width: 100 }} options={[{ value: 'true', label: '是' }, { value: 'false', label: '否' }]} />
          </Form.Item>
          <Form.Item name="overdue" label={T.overdueTag}>
            <Select allowClear placeholder={T.all} style={{ width: 100 }} options={[{ value: 'true', label: '是' }]} />
          </Form.Item>
          <Form.Item name="q">
            <Input.Search allowClear placeholder={T.search} style={{ width: 260 }} />
          </Form.Item>
        </Form>
      </Card>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<BridgeLoanView> rowKey="caseId" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching} data-testid="bl-table"
          pagination={{ current: page.page, pageSize: page.pageSize, total: list.data?.total ?? 0, showSizeChanger: true, onChange: (p, s) => setPage({ page: p, pageSize: s }) }} />
      )}
    </PageContainer>
  );
}
