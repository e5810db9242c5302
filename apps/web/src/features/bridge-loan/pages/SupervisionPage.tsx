import type { BridgeLoanSupervisionRow } from '@relief/domain';
import { Card, Col, DatePicker, Form, Row, Statistic, Table, type TableColumnsType, Tabs } from 'antd';
import type { Dayjs } from 'dayjs';
import { useMemo, useState } from 'react';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatYuan, ppmToPercent } from '../../../lib/format';
import { cleanQuery, useSupervision } from '../api/bridge-loan.api';
import { BarChart, type Series } from '../components/BarChart';
import { T } from '../texts';

// A province's totals in 元 run to 13 characters: the cards' figures are sized to fit a sixth of the page.
const STAT_FONT = { fontSize: 20 };

const wan = (fen: number) => Math.round(fen / 10_000) / 100;

function chartOf(rows: BridgeLoanSupervisionRow[]): { categories: string[]; series: Series[] } {
  return {
    categories: rows.map((r) => r.name),
    series: [
      // The chart's axis in 万元 stays readable at a province's totals; figures people copy are in 元.
      { name: T.sup.amountChart, values: rows.map((r) => wan(r.disbursedFen)) },
      { name: T.sup.greenRate, values: rows.map((r) => (r.greenOnTimeRatePpm === null ? null : r.greenOnTimeRatePpm / 10_000)), line: true },
    ],
  };
}

const columns: TableColumnsType<BridgeLoanSupervisionRow> = [
  { title: '名称', dataIndex: 'name' },
  { title: T.sup.applications, dataIndex: 'applications', align: 'right' },
  { title: T.sup.disbursed, dataIndex: 'disbursed', align: 'right' },
  { title: '放款金额（元）', dataIndex: 'disbursedFen', align: 'right', render: (v: number) => formatYuan(v) },
  { title: T.sup.fee, dataIndex: 'feeFen', align: 'right', render: (v: number) => formatYuan(v) },
  { title: T.sup.avgHours, dataIndex: 'avgHoursToDisburse', align: 'right', render: (v: number | null) => v ?? '—' },
  { title: '绿色通道笔数', dataIndex: 'greenCases', align: 'right' },
  { title: T.sup.greenRate, dataIndex: 'greenOnTimeRatePpm', align: 'right', render: (v: number | null) => ppmToPercent(v) },
  { title: T.sup.overdue, dataIndex: 'overdue', align: 'right' },
  { title: '逾期未还金额（元）', dataIndex: 'overdueFen', align: 'right', render: (v: number) => formatYuan(v) },
];

/** Supervision of operators (BFP, province; a city its own): volumes, amounts, fees, times, the green channel's on-time rate and overdue repayments, by operator and by city. */
export function SupervisionPage() {
  const [range, setRange] = useState<[Dayjs | null, Dayjs | null] | null>(null);
  const query = cleanQuery({ from: range?.[0]?.format('YYYY-MM-DD'), to: range?.[1]?.format('YYYY-MM-DD') });
  const q = useSupervision(query);
  const d = q.data;
  const byCity = useMemo(() => chartOf(d?.byCity ?? []), [d]);
  const byOp = useMemo(() => chartOf(d?.byOperator ?? []), [d]);
  return (
    <PageContainer title={`${T.title}${T.nav.supervision}`} testId="bl-supervision-page"
      extra={<ExportButton path="/api/bridge-loans/supervision/export" query={query} fallbackName="应急转贷业务监管统计表.xlsx" testId="bl-supervision-export" />}>
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label="申请日期"><DatePicker.RangePicker value={range} onChange={(v) => setRange(v as [Dayjs | null, Dayjs | null] | null)} /></Form.Item>
        </Form>
      </Card>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : d ? (
        <>
          <Row gutter={16} style={{ marginBottom: 16 }}>
            <Col span={4}><Card><Statistic title={T.sup.applications} value={d.totals.applications} styles={{ content: STAT_FONT }} /></Card></Col>
            <Col span={4}><Card><Statistic title={T.sup.amount} value={formatYuan(d.totals.disbursedFen)} styles={{ content: STAT_FONT }} /></Card></Col>
            <Col span={4}><Card><Statistic title={T.sup.fee} value={formatYuan(d.totals.feeFen)} styles={{ content: STAT_FONT }} /></Card></Col>
            <Col span={4}><Card><Statistic title={T.sup.avgHours} value={d.totals.avgHoursToDisburse ?? '—'} styles={{ content: STAT_FONT }} /></Card></Col>
            <Col span={4}><Card><Statistic title={T.sup.greenRate} value={ppmToPercent(d.totals.greenOnTimeRatePpm)} styles={{ content: STAT_FONT }} /></Card></Col>
            <Col span={4}><Card><Statistic title={T.sup.overdue} value={d.totals.overdue} styles={{ content: d.totals.overdue ? { ...STAT_FONT, color: '#cf1322' } : STAT_FONT }} /></Card></Col>
          </Row>
          <Tabs items={[
            { key: 'city', label: T.sup.byCity, children: (<><Card style={{ marginBottom: 16 }}><BarChart {...byCity} testId="bl-chart-city" /></Card><Table rowKey="key" size="small" pagination={false} columns={columns} dataSource={d.byCity} data-testid="bl-sup-city" /></>) },
            { key: 'operator', label: T.sup.byOperator, children: (<><Card style={{ marginBottom: 16 }}><BarChart {...byOp} testId="bl-chart-operator" /></Card><Table rowKey="key" size="small" pagination={false} columns={columns} dataSource={d.byOperator} /></>) },
          ]} />
        </>
      ) : null}
    </PageContainer>
  );
}
