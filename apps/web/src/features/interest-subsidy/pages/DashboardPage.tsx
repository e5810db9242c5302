import { Card, Col, Row, Statistic, Table } from 'antd';
import { useMemo } from 'react';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatYuan } from '../../../lib/format';
import { BASE, useDashboard } from '../api/interest-subsidy.api';
import { CityBarChart } from '../components/CityBarChart';
import { T } from '../texts';

// Chart values in 万元 for reading only; the table and the export keep exact fen.
const wan = (fen: number) => Math.round(fen / 10_000) / 100;

/** 分市统计: applications, approvals and payments by city (ECharts, its own chunk), exportable. */
export function DashboardPage() {
  const q = useDashboard();
  const d = q.data;
  const chart = useMemo(() => ({
    categories: d?.byCity.map((c) => c.cityName) ?? [],
    counts: [
      { name: T.dash.applications, values: d?.byCity.map((c) => c.applications) ?? [] },
      { name: T.dash.approved, values: d?.byCity.map((c) => c.approved) ?? [] },
      { name: T.dash.paid, values: d?.byCity.map((c) => c.paid) ?? [] },
    ],
    amounts: [
      { name: T.dash.subsidy, values: d?.byCity.map((c) => wan(c.subsidyFen)) ?? [] },
      { name: T.dash.paidAmount, values: d?.byCity.map((c) => wan(c.paidFen)) ?? [] },
    ],
  }), [d]);
  return (
    <PageContainer title={T.dash.title} testId="is-dashboard" extra={<ExportButton path={`${BASE}/dashboard/export`} fallbackName="贷款贴息分市统计.xlsx" testId="is-dashboard-export" />}>
      {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
      {d ? (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col xs={24} md={8}><Card><Statistic title={T.dash.applications} value={d.totals.applications} /></Card></Col>
            <Col xs={24} md={8}><Card><Statistic title="贴息金额（元）" value={formatYuan(d.totals.subsidyFen)} /></Card></Col>
            <Col xs={24} md={8}><Card><Statistic title="已拨付（元）" value={formatYuan(d.totals.paidFen)} /></Card></Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} xl={12}><Card title="申请与审核（件）" style={{ marginBottom: 16 }}><CityBarChart categories={chart.categories} series={chart.counts} unit="件" testId="is-chart-counts" /></Card></Col>
            <Col xs={24} xl={12}><Card title="贴息与拨付（万元）" style={{ marginBottom: 16 }}><CityBarChart categories={chart.categories} series={chart.amounts} unit="万元" testId="is-chart-amounts" /></Card></Col>
          </Row>
          <Card>
            <Table rowKey="cityCode" size="small" pagination={false} dataSource={d.byCity} columns={[
              { title: '市', dataIndex: 'cityName' },
              { title: T.dash.applications, dataIndex: 'applications' },
              { title: T.dash.approved, dataIndex: 'approved' },
              { title: T.dash.paid, dataIndex: 'paid' },
              { title: '贴息金额（元）', dataIndex: 'subsidyFen', align: 'right', render: (v: number) => formatYuan(v) },
              { title: '已拨付（元）', dataIndex: 'paidFen', align: 'right', render: (v: number) => formatYuan(v) },
            ]} />
          </Card>
        </>
      ) : null}
    </PageContainer>
  );
}
