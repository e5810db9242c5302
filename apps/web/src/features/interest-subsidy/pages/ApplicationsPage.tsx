import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Select, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { interestSubsidyWorkflow, listCities } from '@relief/domain';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatInstant, formatYuan } from '../../../lib/format';
import { type ApplicationView, BASE, cleanQuery, useApplications } from '../api/interest-subsidy.api';
import { T } from '../texts';

const STATE_COLORS: Record<string, string> = { paid: 'green', rejected: 'default', revision: 'orange', publicised: 'purple', reported: 'cyan', approved: 'blue' };
export const stateTag = (state: string, label: string) => <Tag color={STATE_COLORS[state] ?? 'gold'} data-testid="is-state">{label}</Tag>;

/** Applications: the enterprise's own, a county's or city's region, or the whole province; filter, page, export. */
export function ApplicationsPage({ isEnterprise }: { isEnterprise: boolean }) {
  const navigate = useNavigate();
  const [filters, setFilters] = useState<{ state?: string; cityCode?: string; q?: string }>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const query = cleanQuery(filters);
  const list = useApplications({ ...query, page, pageSize });
  const columns: TableColumnsType<ApplicationView> = [
    { title: '编号', dataIndex: 'id', width: 70, render: (id: number) => <Link to={String(id)} data-testid={`is-open-${id}`}>{id}</Link> },
    { title: T.app.enterprise, dataIndex: 'enterpriseName' },
    { title: T.app.contracts, dataIndex: 'contractCount', width: 80 },
    { title: T.app.principal, dataIndex: 'principalFen', align: 'right', render: (v: number) => formatYuan(v) },
    { title: T.app.subsidy, dataIndex: 'subsidyFen', align: 'right', render: (v: number) => formatYuan(v) },
    { title: T.app.state, dataIndex: 'stateLabel', render: (v: string, r) => stateTag(r.state, v) },
    { title: T.app.submittedAt, dataIndex: 'submittedAt', render: (v: string | null) => formatInstant(v) },
  ];
  return (
    <PageContainer
      title={T.app.title}
      testId="is-applications"
      extra={(
        <>
          {isEnterprise ? <Button type="primary" icon={<PlusOutlined />} onClick={() => navigate('apply')} data-testid="is-new">{T.nav.apply}</Button> : null}
          <ExportButton path={`${BASE}/applications/export`} query={query} fallbackName="贷款贴息申请.xlsx" testId="is-export" />
        </>
      )}
    >
      <Card>
        <Form layout="inline" onValuesChange={(_, v) => { setFilters(v); setPage(1); }} style={{ marginBottom: 16 }}>
          <Form.Item name="state"><Select allowClear placeholder={T.app.all} style={{ width: 180 }} data-testid="is-filter-state"
            options={Object.entries(interestSubsidyWorkflow.states).map(([value, s]) => ({ value, label: s.label }))} /></Form.Item>
          {isEnterprise ? null : (
            <Form.Item name="cityCode"><Select allowClear placeholder={T.app.city} style={{ width: 140 }} options={listCities().map((c) => ({ value: c.code, label: c.name }))} /></Form.Item>
          )}
          <Form.Item name="q"><Input.Search allowClear placeholder={T.app.search} style={{ width: 240 }} /></Form.Item>
        </Form>
        {list.error ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : null}
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Table rowKey="id" size="middle" loading={list.isLoading} dataSource={list.data?.items ?? []} columns={columns} data-testid="is-applications-table"
            pagination={{ current: page, pageSize, total: list.data?.total ?? 0, showSizeChanger: true, showTotal: (n) => `共 ${n} 件`, onChange: (p, s) => { setPage(p); setPageSize(s); } }} />
        </Space>
      </Card>
    </PageContainer>
  );
}
