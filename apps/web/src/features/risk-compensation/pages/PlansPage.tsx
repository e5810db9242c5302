import { App, Button, Card, Empty, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { downloadFile } from '../../../lib/api';
import { showApiError } from '../../../lib/form-errors';
import { formatDateZh, formatYuan } from '../../../lib/format';
import { getPlan, issuePlan, markPaid, newIdempotencyKey, type PlanPreview, type PlanSummary, previewPlan, RC_KEY, type RiskCompensationClaimSummary, type RiskCompensationPlanView, useClaims, usePlans } from '../api/risk-compensation.api';
import { T } from '../texts';

/** The plan's rows (bank × city) with the totals row. */
function PlanRows({ plan }: { plan: PlanPreview }) {
  const data = [...plan.rows.map((r, i) => ({ key: `${r.bankOrgId}-${r.cityCode}`, n: String(i + 1), ...r })), { key: 'total', n: T.plan.totals, bankName: '', cityName: '', ...plan.totals, bankOrgId: 0, cityCode: '' }];
  return (
    <Table size="small" pagination={false} dataSource={data} rowKey="key" data-testid="rc-plan-rows"
      columns={[
        { title: '序号', dataIndex: 'n', width: 60 },
        { title: T.plan.bank, dataIndex: 'bankName' },
        { title: T.plan.city, dataIndex: 'cityName', width: 100 },
        { title: T.plan.items, dataIndex: 'items', width: 70, align: 'right' },
        { title: T.claim.principal, dataIndex: 'principalFen', width: 160, align: 'right', render: (v: number) => formatYuan(v) },
        { title: T.claim.claimed, dataIndex: 'claimedFen', width: 150, align: 'right', render: (v: number) => formatYuan(v) },
        { title: T.plan.approved, dataIndex: 'approvedFen', width: 150, align: 'right', render: (v: number) => <strong>{formatYuan(v)}</strong> },
      ]}
    />
  );
}

/** 拨付计划: DEPT selects approved claims, previews totals per bank and city, issues, downloads, marks paid. */
export function PlansPage({ base, canIssue }: { base: string; canIssue: boolean }) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const approved = useClaims({ state: 'approved', pageSize: 200 });
  const plans = usePlans({ pageSize: 50 });
  const [selected, setSelected] = useState<number[]>([]);
  const [preview, setPreview] = useState<PlanPreview | null>(null);
  const [key, setKey] = useState(() => newIdempotencyKey('plan'));
  const [opened, setOpened] = useState<RiskCompensationPlanView | null>(null);
  const [busy, setBusy] = useState(false);
  const act = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } catch (e) {
      showApiError(e, message);
    } finally {
      setBusy(false);
    }
  };
  const refresh = () => qc.invalidateQueries({ queryKey: RC_KEY });

  return (
    <PageContainer title={T.plan.title} testId="rc-plans-page">
      {canIssue ? (
        <Card title={T.plan.builder} style={{ marginBottom: 16 }}>
          {approved.error ? <QueryError error={approved.error} /> : null}
          {approved.data && approved.data.items.length === 0 ? <Empty description={T.plan.none} /> : null}
          {approved.data && approved.data.items.length > 0 ? (
            <Table<RiskCompensationClaimSummary> rowKey="id" size="small" pagination={false} dataSource={approved.data.items} data-testid="rc-plan-claims"
              rowSelection={{ selectedRowKeys: selected, onChange: (keys) => { setSelected(keys as number[]); setPreview(null); } }}
              columns={[
                { title: '申请', dataIndex: 'id', width: 80, render: (id: number) => <Link to={`${base}/claims/${id}`}>#{id}</Link> },
                { title: T.claim.month, dataIndex: 'month', width: 90 },
                { title: T.claim.bank, dataIndex: 'bankName' },
                { title: T.claim.items, dataIndex: 'itemCount', width: 70 },
                { title: T.claim.approved, dataIndex: 'approvedFen', width: 150, align: 'right', render: (v: number | null) => formatYuan(v) },
              ]} />
          ) : null}
          <Space style={{ marginTop: 12 }}>
            <Button disabled={!selected.length} loading={busy} onClick={() => void act(async () => setPreview(await previewPlan(selected)))} data-testid="rc-plan-preview">{T.plan.preview}</Button>
            <Popconfirm title="下达后不可更改，确认下达？" onConfirm={() => void act(async () => {
              const p = await issuePlan(selected, key);
              void message.success(T.plan.issued(p.planNo));
              setOpened(p);
              setSelected([]);
              setPreview(null);
              setKey(newIdempotencyKey('plan'));
              await refresh();
            })}>
              <Button type="primary" disabled={!preview} loading={busy} data-testid="rc-plan-issue">{T.plan.issue}</Button>
            </Popconfirm>
          </Space>
          {preview ? <div style={{ marginTop: 12 }}><PlanRows plan={preview} /></div> : null}
        </Card>
      ) : null}
      {plans.error ? <QueryError error={plans.error} /> : null}
      <Table<PlanSummary> rowKey="id" size="middle" loading={plans.isLoading} dataSource={plans.data?.items ?? []} data-testid="rc-plans-table"
        pagination={{ total: plans.data?.total ?? 0, pageSize: 50 }}
        columns={[
          { title: T.plan.planNo, dataIndex: 'planNo', render: (v: string, p) => <a onClick={() => void act(async () => setOpened(await getPlan(p.id)))} data-testid={`rc-plan-open-${p.id}`}>{v}</a> },
          { title: T.plan.issuedOn, dataIndex: 'issuedOn', width: 140, render: (v: string) => formatDateZh(v) },
          { title: T.plan.status, dataIndex: 'status', width: 160, render: (s: string, p) => (s === 'paid' ? <Tag color="green">{T.plan.statusPaid}（{formatDateZh(p.paidOn!)}）</Tag> : <Tag color="blue">{T.plan.statusIssued}</Tag>) },
          { title: T.plan.items, key: 'items', width: 70, render: (_, p) => p.totals.items },
          { title: T.plan.total, key: 'total', width: 170, align: 'right', render: (_, p) => formatYuan(p.totals.approvedFen) },
          {
            title: '操作', key: 'ops', width: 240,
            render: (_, p) => (
              <Space>
                <Button size="small" onClick={() => void act(async () => { await downloadFile(`/api/risk-compensation/plans/${p.id}/export`, undefined, `拨付计划${p.planNo}.xlsx`); })} data-testid={`rc-plan-download-${p.id}`}>{T.plan.download}</Button>
                {canIssue && p.status === 'issued' ? (
                  <Popconfirm title="确认资金已拨付？" onConfirm={() => void act(async () => { await markPaid(p.id, p.version); void message.success(T.plan.paidDone); await refresh(); })}>
                    <Button size="small" data-testid={`rc-plan-paid-${p.id}`}>{T.plan.paid}</Button>
                  </Popconfirm>
                ) : null}
              </Space>
            ),
          },
        ]} />
      {opened ? (
        <Card title={<Space>{opened.title}<Typography.Text type="secondary">{opened.planNo}</Typography.Text></Space>} style={{ marginTop: 16 }} extra={<a onClick={() => setOpened(null)}>关闭</a>} data-testid="rc-plan-detail">
          <PlanRows plan={opened} />
        </Card>
      ) : null}
    </PageContainer>
  );
}
