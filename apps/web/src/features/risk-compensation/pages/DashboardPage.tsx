import { Button, Card, Col, Form, Input, Row, Statistic, Table } from 'antd';
import { useMemo, useState } from 'react';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import type { Query } from '../../../lib/api';
import { formatYuan } from '../../../lib/format';
import { type RiskCompensationDashboardView, useDashboard } from '../api/risk-compensation.api';
import { RcBarChart } from '../components/RcBarChart';
import { T } from '../texts';

type Group = RiskCompensationDashboardView['byCity'][number];
const wan = (fen: number) => Math.round(fen / 10_000) / 100;

function GroupTable({ rows, testId }: { rows: Group[]; testId: string }) {
  return (
    <Table<Group> rowKey="key" size="small" pagination={false} dataSource={rows} data-testid={testId}
      columns={[
        { title: T.dashboard.name, dataIndex: 'name' },
        { title: T.dashboard.claims, dataIndex: 'claims', width: 80, align: 'right' },
        { title: '笔数', dataIndex: 'items', width: 70, align: 'right' },
        { title: T.dashboard.claimed, dataIndex: 'claimedFen', width: 150, align: 'right', render: (v: number) => formatYuan(v) },
        { title: T.dashboard.approved, dataIndex: 'approvedFen', width: 150, align: 'right', render: (v: number) => formatYuan(v) },
        { title: T.dashboard.disbursed, dataIndex: 'disbursedFen', width: 150, align: 'right', render: (v: number) => formatYuan(v) },
      ]} />
  );
}

/** Province and cities: claims, amounts, time per stage and on-time rate, by city and by bank (ECharts), exportable. */
export function DashboardPage() {
  const [query, setQuery] = useState<Query>({});
  const d = useDashboard(query);
  const series = useMemo(() => (d.data ? [
    { name: T.dashboard.chartClaimed, values: d.data.byCity.map((c) => wan(c.claimedFen)) },
    { name: T.dashboard.chartApproved, values: d.data.byCity.map((c) => wan(c.approvedFen)) },
  ] : []), [d.data]);
  const categories = useMemo(() => d.data?.byCity.map((c) => c.name) ?? [], [d.data]);
  return (
    <PageContainer title={T.dashboard.title} extra={<ExportButton path="/api/risk-compensation/dashboard/export" query={query} fallbackName="贷款风险补偿统计.xlsx" testId="rc-dashboard-export" />} testId="rc-dashboard-page">
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" onFinish={(v: Record<string, string | undefined>) => setQuery(Object.fromEntries(Object.entries(v).filter(([, x]) => x)))}>
          <Form.Item name="from"><Input placeholder={`${T.dashboard.from}（YYYY-MM）`} allowClear /></Form.Item>
          <Form.Item name="to"><Input placeholder={`${T.dashboard.to}（YYYY-MM）`} allowClear /></Form.Item>
          <Form.Item><Button htmlType="submit">查询</Button></Form.Item>
        </Form>
      </Card>
      {d.error ? <QueryError error={d.error} onRetry={() => void d.refetch()} /> : null}
      {d.data ? (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={4}><Card><Statistic title={T.dashboard.claims} value={d.data.claims} /></Card></Col>
            <Col span={5}><Card><Statistic title={T.dashboard.claimed} value={formatYuan(d.data.claimedFen)} /></Card></Col>
            <Col span={5}><Card><Statistic title={T.dashboard.approved} value={formatYuan(d.data.approvedFen)} /></Card></Col>
            <Col span={5}><Card><Statistic title={T.dashboard.disbursed} value={formatYuan(d.data.disbursedFen)} /></Card></Col>
            <Col span={5}><Card><Statistic title={T.dashboard.overdue} value={d.data.overdueOpen} valueStyle={d.data.overdueOpen ? { color: '#cf1322' } : undefined} /></Card></Col>
          </Row>
          <Card title="各环节用时与按期率" style={{ marginBottom: 16 }}>
            <Table rowKey="stage" size="small" pagination={false} dataSource={d.data.stages} data-testid="rc-dashboard-stages"
              columns={[
                { title: T.dashboard.stage, dataIndex: 'label' },
                { title: T.dashboard.done, dataIndex: 'done', width: 80 },
                { title: T.dashboard.onTime, dataIndex: 'onTime', width: 80 },
                { title: T.dashboard.onTimeRate, dataIndex: 'onTimeRate', width: 100, render: (v: number | null) => (v === null ? '—' : `${(v * 100).toFixed(1)}%`) },
                { title: T.dashboard.avgDays, dataIndex: 'avgWorkingDays', width: 160, render: (v: number | null) => (v === null ? '—' : v.toFixed(1)) },
              ]} />
            <div style={{ marginTop: 8 }}>{d.data.byState.filter((s) => s.count > 0).map((s) => `${s.label} ${s.count}`).join('　')}</div>
          </Card>
          <Card title={T.dashboard.byCity} style={{ marginBottom: 16 }}>
            <RcBarChart categories={categories} series={series} testId="rc-dashboard-chart" />
            <GroupTable rows={d.data.byCity} testId="rc-dashboard-cities" />
          </Card>
          <Card title={T.dashboard.byBank}><GroupTable rows={d.data.byBank} testId="rc-dashboard-banks" /></Card>
        </>
      ) : null}
    </PageContainer>
  );
}
