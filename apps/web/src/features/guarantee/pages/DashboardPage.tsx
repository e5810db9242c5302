import { Card, Col, Form, Row, Select, Statistic, Table, type TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatYuan, ppmToPercent } from '../../../lib/format';
import { type GuaranteeDashboardView, useGuaranteeDashboard } from '../api/guarantee.api';
import { BarChart, type Series } from '../components/BarChart';
import { PERIODS, T } from '../texts';

type DRow = GuaranteeDashboardView['byCity'][number];
const wan = (fen: number) => Math.round(fen / 10_000) / 100;

function chartOf(rows: DRow[]): { categories: string[]; series: Series[] } {
  return {
    categories: rows.map((r) => r.name),
    series: [
      { name: T.dash.volume, values: rows.map((r) => wan(r.volumeFen)) },
      { name: T.dash.smallMicro, values: rows.map((r) => wan(r.smallMicroFen)) },
      { name: T.dash.compensation, values: rows.map((r) => wan(r.compensationFen)) },
      { name: T.dash.avgFee, values: rows.map((r) => (r.avgFeeRatePpm === null ? 0 : r.avgFeeRatePpm / 10_000)), line: true },
    ],
  };
}

const columns: TableColumnsType<DRow> = [
  { title: '市或机构', dataIndex: 'name' },
  { title: T.dash.count, dataIndex: 'count', align: 'right' },
  { title: '担保额（元）', dataIndex: 'volumeFen', align: 'right', render: (v: number) => formatYuan(v) },
  { title: '小微企业担保额（元）', dataIndex: 'smallMicroFen', align: 'right', render: (v: number) => formatYuan(v) },
  { title: '加权平均年费率', dataIndex: 'avgFeeRatePpm', align: 'right', render: (v: number | null) => ppmToPercent(v) },
  { title: '代偿笔数', dataIndex: 'compensationCount', align: 'right' },
  { title: '代偿金额（元）', dataIndex: 'compensationFen', align: 'right', render: (v: number) => formatYuan(v) },
  { title: T.dash.overdue, dataIndex: 'overdueCount', align: 'right' },
];

/** The guarantee dashboard: volume, fee rates and compensation by city and by institution (reader's scope). */
export function DashboardPage() {
  const [period, setPeriod] = useState<string | undefined>(undefined);
  const q = useGuaranteeDashboard(period);
  const d = q.data;
  const city = useMemo(() => chartOf(d?.byCity ?? []), [d]);
  const inst = useMemo(() => chartOf(d?.byInstitution ?? []), [d]);
  return (
    <PageContainer title={`${T.title}${T.nav.dashboard}`} testId="gu-dashboard-page"
      extra={<ExportButton path="/api/guarantee/dashboard/export" query={period ? { period } : {}} fallbackName="融资担保看板.xlsx" testId="gu-dashboard-export" />}>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label={T.dash.period}>
            <Select allowClear placeholder={T.dash.allTime} value={period} onChange={setPeriod} style={{ width: 140 }} options={PERIODS.map((p) => ({ value: p, label: p }))} />
          </Form.Item>
        </Form>
      </Card>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : d ? (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={4}><Card><Statistic title={T.dash.count} value={d.totals.count} /></Card></Col>
            <Col span={5}><Card><Statistic title="担保额（万元）" value={wan(d.totals.volumeFen)} precision={2} /></Card></Col>
            <Col span={5}><Card><Statistic title="小微企业担保额（万元）" value={wan(d.totals.smallMicroFen)} precision={2} /></Card></Col>
            <Col span={4}><Card><Statistic title="加权平均年费率" value={ppmToPercent(d.totals.avgFeeRatePpm)} /></Card></Col>
            <Col span={3}><Card><Statistic title="代偿笔数" value={d.totals.compensationCount} /></Card></Col>
            <Col span={3}><Card><Statistic title={T.dash.overdue} value={d.totals.overdueCount} styles={{ content: { color: d.totals.overdueCount ? '#cf1322' : undefined } }} /></Card></Col>
          </Row>
          <Row gutter={16}>
            <Col xs={24} xl={12}><Card title={T.dash.byCity} style={{ marginBottom: 16 }}><BarChart categories={city.categories} series={city.series} testId="gu-chart-city" /></Card></Col>
            <Col xs={24} xl={12}><Card title={T.dash.byInstitution} style={{ marginBottom: 16 }}><BarChart categories={inst.categories} series={inst.series} testId="gu-chart-institution" /></Card></Col>
          </Row>
          <Card title={T.dash.byCity} style={{ marginBottom: 16 }}><Table<DRow> rowKey="key" size="small" columns={columns} dataSource={d.byCity} pagination={false} /></Card>
          <Card title={T.dash.byInstitution}><Table<DRow> rowKey="key" size="small" columns={columns} dataSource={d.byInstitution} pagination={false} /></Card>
        </>
      ) : null}
    </PageContainer>
  );
}
