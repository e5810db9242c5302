import { App, Button, Card, Descriptions, Input, InputNumber, Select, Space, Spin, Table, Tag, Typography } from 'antd';
import { useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import { CaseActions } from '../../../components/case/CaseActions';
import { useCaseDetail } from '../../../components/case/case.api';
import { withoutMeasureSteps } from '../../../components/case/case-actions';
import { CaseTimeline } from '../../../components/case/CaseTimeline';
import { DeadlineBadge } from '../../../components/case/DeadlineBadge';
import { QueryError } from '../../../components/QueryError';
import { isApiError } from '../../../lib/api';
import { showApiError } from '../../../lib/form-errors';
import { formatDateZh, formatYuan, ppmToPercent } from '../../../lib/format';
import { deptReview, fgReview, RC_KEY, type RiskCompensationClaimView, submitClaim, useClaim } from '../api/risk-compensation.api';
import { WindowCountdown } from '../components/WindowCountdown';
import { T } from '../texts';

type Item = RiskCompensationClaimView['items'][number];
interface Decision { outcome: 'approved' | 'cut' | 'refused'; approvedYuan?: number | null; reason?: string }

/** One claim: its window, its items and their outcome; the FG decides item by item, DEPT re-reviews, the bank submits. */
export function ClaimPage({ base, orgKind, canFile, canReview }: { base: string; orgKind: string | null; canFile: boolean; canReview: boolean }) {
  const id = Number(useParams().id);
  const { message } = App.useApp();
  const qc = useQueryClient();
  const claim = useClaim(id);
  const detail = useCaseDetail(id);
  const [decisions, setDecisions] = useState<Record<number, Decision>>({});
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const refresh = async () => {
    await Promise.all([qc.invalidateQueries({ queryKey: RC_KEY }), detail.refetch()]);
  };
  const c = claim.data;
  const fgMode = !!c && c.state === 'fg_review' && orgKind === 'finance-group' && canReview;
  const deptMode = !!c && c.state === 'dept_review' && orgKind === 'department' && canReview;
  const bankMode = !!c && (c.state === 'draft' || c.state === 'revision') && canFile;
  const decisionOf = (i: Item): Decision => decisions[i.id] ?? { outcome: 'approved' };
  const setDecision = (i: Item, d: Partial<Decision>) => setDecisions((all) => ({ ...all, [i.id]: { ...decisionOf(i), ...d } }));

  const run = async (work: () => Promise<unknown>, done: string) => {
    setBusy(true);
    try {
      await work();
      void message.success(done);
      await refresh();
    } catch (e) {
      showApiError(e, message);
      if (isApiError(e) && e.status === 409) await refresh();
    } finally {
      setBusy(false);
    }
  };

  const columns = useMemo(() => {
    const cols = [
      { title: T.loan.contractNo, dataIndex: 'contractNo', width: 140 },
      { title: T.loan.borrower, dataIndex: 'borrowerName', width: 200, ellipsis: true },
      { title: '地市', dataIndex: 'cityName', width: 80 },
      { title: T.loan.type, dataIndex: 'loanType', width: 130, render: (v: string) => T.loanTypes[v] ?? v },
      { title: T.loan.startOn, dataIndex: 'startOn', width: 105, render: (v: string | null) => (v ? formatDateZh(v) : '—') },
      { title: T.loan.npOn, dataIndex: 'nonPerformingOn', width: 105, render: (v: string | null) => (v ? formatDateZh(v) : '—') },
      { title: T.loan.npPrincipal, dataIndex: 'principalFen', width: 140, align: 'right' as const, render: (v: number) => formatYuan(v) },
      { title: T.claim.claimed, dataIndex: 'claimedFen', width: 130, align: 'right' as const, render: (v: number) => formatYuan(v) },
    ];
    if (fgMode) {
      return [...cols, {
        title: T.review.fg, key: 'decision', width: 260,
        render: (_: unknown, i: Item) => {
          const d = decisionOf(i);
          return (
            <Space orientation="vertical" size={4} data-testid={`rc-decision-${i.contractNo}`}>
              <Select<Decision['outcome']> size="small" style={{ width: 220 }} value={d.outcome} onChange={(outcome) => setDecision(i, { outcome })} data-testid={`rc-outcome-${i.contractNo}`}
                options={[{ value: 'approved', label: T.review.approve }, { value: 'cut', label: T.review.cut }, { value: 'refused', label: T.review.refuse }]} />
              {d.outcome === 'cut' ? <InputNumber size="small" min={0.01} precision={2} placeholder={T.review.cutAmount} value={d.approvedYuan ?? null} onChange={(v) => setDecision(i, { approvedYuan: v })} style={{ width: 220 }} data-testid={`rc-cut-${i.contractNo}`} /> : null}
              {d.outcome !== 'approved' ? <Input size="small" placeholder={T.claim.reason} value={d.reason} onChange={(e) => setDecision(i, { reason: e.target.value })} style={{ width: 220 }} data-testid={`rc-reason-${i.contractNo}`} /> : null}
            </Space>
          );
        },
      }];
    }
    return [...cols,
      { title: T.claim.outcome, dataIndex: 'outcome', width: 90, render: (v: string) => <Tag color={T.outcomeColors[v]}>{T.outcomes[v]}</Tag> },
      { title: T.claim.approved, dataIndex: 'approvedFen', width: 130, align: 'right' as const, render: (v: number | null) => formatYuan(v) },
      { title: T.claim.reason, dataIndex: 'reason', width: 200, render: (v: string | null) => v ?? '—' },
      { title: T.claim.disbursedOn, dataIndex: 'disbursedOn', width: 105, render: (v: string | null) => v ?? '—' },
    ];
  }, [fgMode, decisions]);

  if (claim.error) return <QueryError error={claim.error} onRetry={() => void claim.refetch()} />;
  if (!c) return <Spin />;

  const submitFg = () => run(() => fgReview(c.id, {
    version: c.case.version, comment: comment || undefined,
    decisions: c.items.map((i) => {
      const d = decisionOf(i);
      return { itemId: i.id, outcome: d.outcome, approvedFen: d.outcome === 'cut' && d.approvedYuan != null ? Math.round(d.approvedYuan * 100) : null, reason: d.reason ?? null };
    }),
  }), T.review.done);

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="rc-claim-page">
      <Card>
        <Space orientation="vertical" style={{ width: '100%' }}>
          <Space wrap align="center">
            <Typography.Title level={4} style={{ margin: 0 }} data-testid="rc-claim-title">{c.case.title}</Typography.Title>
            <Tag color="blue" data-testid="rc-claim-state">{c.stateLabel}</Tag>
            {c.case.deadline && !c.case.closedAt ? <DeadlineBadge deadline={c.case.deadline} testId="rc-claim-deadline" /> : null}
          </Space>
          {c.state === 'draft' ? <WindowCountdown closesOn={c.window.closesOn} open={c.window.open} remainingWorkingDays={c.window.remainingWorkingDays} message={c.window.message} /> : null}
          <Descriptions size="small" column={{ xs: 1, md: 3 }} bordered>
            <Descriptions.Item label={T.claim.bank}>{c.bankName}</Descriptions.Item>
            <Descriptions.Item label={T.claim.month}>{c.month}</Descriptions.Item>
            <Descriptions.Item label={T.claim.window}>{formatDateZh(c.windowClosesOn)} 24:00</Descriptions.Item>
            <Descriptions.Item label={T.claim.items}>{c.itemCount}</Descriptions.Item>
            <Descriptions.Item label={T.claim.principal}>{formatYuan(c.principalFen)}</Descriptions.Item>
            <Descriptions.Item label={T.claim.claimed}><span data-testid="rc-claim-claimed">{formatYuan(c.claimedFen)}</span></Descriptions.Item>
            <Descriptions.Item label={T.claim.approved}><span data-testid="rc-claim-approved">{formatYuan(c.approvedFen)}</span></Descriptions.Item>
            <Descriptions.Item label={T.claim.submittedOn}>{c.submittedOn ? formatDateZh(c.submittedOn) : '—'}</Descriptions.Item>
            <Descriptions.Item label={T.claim.planned}>{c.planId ? <Link to={`${base}/plans`}>#{c.planId}</Link> : '—'}</Descriptions.Item>
          </Descriptions>
          <Typography.Text type="secondary">{T.claim.ratio(ppmToPercent(c.ratioPpm))}</Typography.Text>
        </Space>
      </Card>
      <Card title={`逐笔贷款（${c.items.length}）`}>
        <Table<Item> rowKey="id" size="small" dataSource={c.items} columns={columns} pagination={c.items.length > 20 ? { pageSize: 20 } : false} scroll={{ x: 1200 }} data-testid="rc-items-table" />
        <Space style={{ marginTop: 12 }} wrap>
          {bankMode ? <Button type="primary" loading={busy} onClick={() => void run(() => submitClaim(c.id, c.case.version), T.claim.submitted)} data-testid="rc-claim-submit">{T.claim.submit}</Button> : null}
          {fgMode || deptMode ? <Input placeholder={T.review.comment} value={comment} onChange={(e) => setComment(e.target.value)} style={{ width: 320 }} data-testid="rc-review-comment" /> : null}
          {fgMode ? <Button type="primary" loading={busy} onClick={() => void submitFg()} data-testid="rc-fg-submit">{T.review.submitFg}</Button> : null}
          {deptMode ? <Button type="primary" loading={busy} onClick={() => void run(() => deptReview(c.id, { version: c.case.version, comment: comment || undefined }), T.review.deptDone)} data-testid="rc-dept-approve">{T.review.dept}</Button> : null}
        </Space>
      </Card>
      {detail.data ? (
        <Card title="办理记录">
          <CaseActions detail={withoutMeasureSteps(detail.data)} onChanged={() => void refresh()} onStale={() => void refresh()} />
          <div style={{ marginTop: 16 }}><CaseTimeline events={detail.data.events} /></div>
        </Card>
      ) : null}
    </Space>
  );
}
