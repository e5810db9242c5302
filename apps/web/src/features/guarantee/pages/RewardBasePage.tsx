import { Alert, Card, Form, Select, Table, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatYuan, ppmToPercent } from '../../../lib/format';
import { type GuaranteeRewardBaseView, useGuaranteeRewardBase } from '../api/guarantee.api';
import { PERIODS, T } from '../texts';

type Row = GuaranteeRewardBaseView['rows'][number];

/** The 降费奖补 reward base per institution for a year or quarter, exported in its fixed layout. */
export function RewardBasePage() {
  const [period, setPeriod] = useState<string>('2020');
  const q = useGuaranteeRewardBase(period);
  const columns: TableColumnsType<Row> = [
    { title: T.filing.institution, dataIndex: 'institutionName' },
    { title: T.reward.funded, dataIndex: 'rewardFunded', render: (v: boolean) => (v ? T.common.yes : T.common.no) },
    { title: T.reward.count, dataIndex: 'count', align: 'right' },
    { title: T.reward.volume, dataIndex: 'volumeFen', align: 'right', render: (v: number) => formatYuan(v) },
    { title: T.reward.annualised, dataIndex: 'annualisedFen', align: 'right', render: (v: number) => formatYuan(v) },
    { title: T.reward.avgFee, dataIndex: 'avgFeeRatePpm', align: 'right', render: (v: number | null) => ppmToPercent(v) },
  ];
  return (
    <PageContainer title={T.nav.rewardBase} testId="gu-reward-page"
      extra={<ExportButton path="/api/guarantee/reward-base/export" query={{ period }} fallbackName={`降费奖补基数-${period}.xlsx`} testId="gu-reward-export" />}>
      <Alert type="info" showIcon title={T.reward.hint} style={{ marginBottom: 16 }} />
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label={T.reward.period}>
            <Select value={period} onChange={setPeriod} style={{ width: 140 }} options={PERIODS.map((p) => ({ value: p, label: p.replace('Q', '年第') + (p.includes('Q') ? '季度' : '年') }))} data-testid="gu-reward-period" />
          </Form.Item>
        </Form>
      </Card>
      {q.isError ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : (
        <Table<Row> rowKey="institutionId" size="middle" columns={columns} dataSource={q.data?.rows ?? []} loading={q.isFetching} pagination={false} data-testid="gu-reward-table"
          summary={(rows) => {
            const volume = rows.reduce((s, r) => s + r.volumeFen, 0);
            const annualised = rows.reduce((s, r) => s + r.annualisedFen, 0);
            return (
              <Table.Summary.Row>
                <Table.Summary.Cell index={0}>合计</Table.Summary.Cell>
                <Table.Summary.Cell index={1} />
                <Table.Summary.Cell index={2} align="right">{rows.reduce((s, r) => s + r.count, 0)}</Table.Summary.Cell>
                <Table.Summary.Cell index={3} align="right">{formatYuan(volume)}</Table.Summary.Cell>
                <Table.Summary.Cell index={4} align="right">{formatYuan(annualised)}</Table.Summary.Cell>
                <Table.Summary.Cell index={5} />
              </Table.Summary.Row>
            );
          }}
        />
      )}
    </PageContainer>
  );
}
