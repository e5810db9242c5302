import { Alert, Button, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatDate, formatYuan, ppmToPercent } from '../../../lib/format';
import { type GuaranteeInstitutionView, useGuaranteeInstitutions } from '../api/guarantee.api';
import { InstitutionModal } from '../components/InstitutionModal';
import { T } from '../texts';

function share(ppm: number | null, ok: boolean | null) {
  if (ppm === null) return '—';
  return <Tag color={ok ? 'green' : 'red'}>{ppmToPercent(ppm)}</Tag>;
}

/** The register of guarantee institutions with the 国办发〔2019〕6号 indicators; DEPT maintains it. */
export function InstitutionsPage({ canReview }: { canReview: boolean }) {
  const list = useGuaranteeInstitutions();
  const [edit, setEdit] = useState<GuaranteeInstitutionView | null>(null);
  const columns: TableColumnsType<GuaranteeInstitutionView> = [
    { title: T.inst.name, dataIndex: 'name' },
    { title: T.filing.region, dataIndex: 'regionName' },
    { title: T.inst.government, dataIndex: 'isGovernment', render: (v: boolean, r) => (r.registered ? (v ? T.common.yes : T.common.no) : <Tag>未列入</Tag>) },
    { title: T.inst.reward, dataIndex: 'rewardFunded', render: (v: boolean, r) => (v ? <Tag color="blue">{`是（${r.rewardFrom ? formatDate(r.rewardFrom) : '—'} 至 ${r.rewardTo ? formatDate(r.rewardTo) : '今'}）`}</Tag> : T.common.no) },
    { title: T.inst.today, dataIndex: 'rewardFundedToday', render: (v: boolean) => (v ? <Tag color="volcano">≤1%，无反担保</Tag> : T.common.no) },
    { title: T.inst.count, key: 'count', align: 'right', render: (_, r) => r.indicators.count },
    { title: T.inst.volume, key: 'volume', align: 'right', render: (_, r) => formatYuan(r.indicators.totalFen) },
    { title: T.inst.smallShare, key: 'small', render: (_, r) => share(r.indicators.smallMicroSharePpm, r.indicators.meetsSmallMicroShare) },
    { title: T.inst.underCapShare, key: 'under', render: (_, r) => share(r.indicators.underCapSharePpm, r.indicators.meetsUnderCapShare) },
    { title: T.inst.overCap, key: 'over', align: 'right', render: (_, r) => r.indicators.firmsOverCap },
    { title: T.inst.avgFee, key: 'fee', align: 'right', render: (_, r) => ppmToPercent(r.indicators.avgFeeRatePpm) },
    { title: T.inst.source, dataIndex: 'source', ellipsis: true },
    ...(canReview ? [{ title: '操作', key: 'op', render: (_: unknown, r: GuaranteeInstitutionView) => <Button size="small" onClick={() => setEdit(r)}>{T.inst.edit}</Button> }] : []),
  ];
  return (
    <PageContainer title={T.nav.institutions} testId="gu-institutions-page" extra={<ExportButton path="/api/guarantee/institutions/export" fallbackName="融资担保机构名录.xlsx" />}>
      <Alert type="info" showIcon title={T.inst.indicatorHint} style={{ marginBottom: 16 }} />
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<GuaranteeInstitutionView> rowKey="organisationId" size="middle" columns={columns} dataSource={list.data?.items ?? []} loading={list.isFetching}
          scroll={{ x: 'max-content' }} pagination={false} data-testid="gu-institutions-table" />
      )}
      {edit ? <InstitutionModal inst={edit} onClose={() => setEdit(null)} /> : null}
    </PageContainer>
  );
}
