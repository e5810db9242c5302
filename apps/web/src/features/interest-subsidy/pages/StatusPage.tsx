import type { InterestSubsidyReportingStatus } from '@relief/domain';
import { Card, Table, Tag, Typography } from 'antd';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatDateZh, formatInstant, formatYuan } from '../../../lib/format';
import { useReportingStatus } from '../api/interest-subsidy.api';
import { T } from '../texts';

const COLORS: Record<string, string> = { none: 'default', draft: 'gold', submitted: 'blue', received: 'green' };

/** The province's view: which of the 16 cities have reported their 汇总表, and which are late. */
export function StatusPage() {
  const q = useReportingStatus();
  const d = q.data;
  return (
    <PageContainer title={T.status.title} subTitle={d ? `报送截止 ${formatDateZh(d.deadline)}（鲁工信发〔2020〕1号 第五条“于5月31日前报省工信厅、省财政厅”），今天 ${formatDateZh(d.today)}` : undefined} testId="is-status">
      <Card>
        {q.error ? <QueryError error={q.error} onRetry={() => void q.refetch()} /> : null}
        {d ? (
          <Typography.Paragraph>
            已报送 {d.cities.filter((c) => c.status === 'submitted' || c.status === 'received').length} 个市，逾期 <Typography.Text type="danger">{d.cities.filter((c) => c.late).length}</Typography.Text> 个市。
          </Typography.Paragraph>
        ) : null}
        <Table rowKey="cityCode" size="small" loading={q.isLoading} dataSource={d?.cities ?? []} pagination={false} data-testid="is-status-table" columns={[
          { title: T.status.city, dataIndex: 'cityName' },
          { title: T.status.state, dataIndex: 'statusLabel', render: (v: string, r) => <Tag color={COLORS[r.status]}>{v}</Tag> },
          {
            title: T.status.submittedAt, dataIndex: 'submittedAt',
            // A city may report in batches: the first and, when there is a later one, the latest.
            render: (v: string | null, c: InterestSubsidyReportingStatus['cities'][number]) => (c.lastSubmittedAt && c.lastSubmittedAt !== v
              ? <>{formatInstant(v)}<br /><Typography.Text type="secondary">{T.status.latest}：{formatInstant(c.lastSubmittedAt)}</Typography.Text></>
              : formatInstant(v)),
          },
          { title: T.status.late, dataIndex: 'late', render: (v: boolean) => (v ? <Tag color="red">{T.report.late}</Tag> : '—') },
          { title: T.status.count, dataIndex: 'applicationCount' },
          { title: T.status.amount, dataIndex: 'subsidyFen', align: 'right', render: (v: number) => formatYuan(v) },
        ]} />
      </Card>
    </PageContainer>
  );
}
