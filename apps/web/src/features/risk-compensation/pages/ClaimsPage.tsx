import { App, Button, Card, Form, Input, Modal, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import type { Query } from '../../../lib/api';
import { showApiError } from '../../../lib/form-errors';
import { formatDateZh, formatYuan } from '../../../lib/format';
import { createClaim, lastMonth, newIdempotencyKey, type RiskCompensationClaimSummary, useClaims, useWindow } from '../api/risk-compensation.api';
import { WindowCountdown } from '../components/WindowCountdown';
import { T } from '../texts';

const STATES: Record<string, string> = {
  draft: '待申报', revision: '退回修改', fg_review: '省财金集团初审', dept_review: '省工信厅复核', approved: '待下达拨付计划', planned: '已列入拨付计划', disbursed: '已拨付', rejected: '不予补偿',
};
const STATE_COLORS: Record<string, string> = { draft: 'blue', revision: 'orange', fg_review: 'processing', dept_review: 'processing', approved: 'cyan', planned: 'geekblue', disbursed: 'green', rejected: 'red' };

/** Opens the claim of a month: shows the window, then creates the claim with the month's eligible loans. */
function NewClaimModal({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (id: number) => void }) {
  const { message } = App.useApp();
  const [month, setMonth] = useState(lastMonth());
  const [key] = useState(() => newIdempotencyKey('claim'));
  const [busy, setBusy] = useState(false);
  const valid = /^\d{4}-(0[1-9]|1[0-2])$/.test(month);
  const window = useWindow(valid ? month : null);
  const create = async () => {
    setBusy(true);
    try {
      const c = await createClaim({ month, idempotencyKey: `${key}-${month}` });
      void message.success(T.claim.created);
      onCreated(c.id);
    } catch (e) {
      showApiError(e, message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <Modal title={T.claim.new} open={open} onCancel={onClose} onOk={() => void create()} okText="生成申请" okButtonProps={{ disabled: !valid, loading: busy, id: 'rc-claim-create' }} destroyOnHidden>
      <Space orientation="vertical" style={{ width: '100%' }}>
        <Input addonBefore={T.claim.month} value={month} onChange={(e) => setMonth(e.target.value.trim())} placeholder="YYYY-MM" data-testid="rc-claim-month" />
        {window.data ? <WindowCountdown {...window.data} /> : null}
        <span style={{ color: '#666' }}>{T.claim.loansOfMonth}</span>
      </Space>
    </Modal>
  );
}

/** Claims: the bank's own; everything for FG and DEPT; filter, page, export. */
export function ClaimsPage({ base, canFile, title = T.claim.title, initial = {} }: { base: string; canFile: boolean; title?: string; initial?: Query }) {
  const navigate = useNavigate();
  const [filters, setFilters] = useState<Query>(initial);
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [open, setOpen] = useState(false);
  const claims = useClaims({ ...filters, ...page });
  return (
    <PageContainer
      title={title}
      extra={<>
        {canFile ? <Button type="primary" onClick={() => setOpen(true)} data-testid="rc-claim-new">{T.claim.new}</Button> : null}
        <ExportButton path="/api/risk-compensation/claims/export" query={filters} fallbackName="补偿申请.xlsx" testId="rc-claims-export" />
      </>}
      testId="rc-claims-page"
    >
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 12 }} initialValues={initial} onFinish={(v: Record<string, string | undefined>) => { setFilters(Object.fromEntries(Object.entries(v).filter(([, x]) => x))); setPage((p) => ({ ...p, page: 1 })); }}>
          <Form.Item name="month"><Input placeholder={`${T.claim.month}（YYYY-MM）`} allowClear style={{ width: 180 }} /></Form.Item>
          <Form.Item name="state"><Select placeholder={T.claim.state} allowClear style={{ width: 170 }} options={Object.entries(STATES).map(([value, label]) => ({ value, label }))} /></Form.Item>
          <Form.Item name="q"><Input placeholder="银行名称" allowClear style={{ width: 180 }} /></Form.Item>
          <Form.Item><Button htmlType="submit">查询</Button></Form.Item>
        </Form>
      </Card>
      {claims.error ? <QueryError error={claims.error} onRetry={() => void claims.refetch()} /> : null}
      <Table<RiskCompensationClaimSummary>
        rowKey="id" size="middle" loading={claims.isLoading} dataSource={claims.data?.items ?? []} scroll={{ x: 1100 }} data-testid="rc-claims-table"
        onRow={(c) => ({ onClick: () => navigate(`${base}/claims/${c.id}`), style: { cursor: 'pointer' } })}
        pagination={{ current: page.page, pageSize: page.pageSize, total: claims.data?.total ?? 0, showTotal: (n) => `共 ${n} 项`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: '编号', dataIndex: 'id', width: 70, render: (id: number) => <Link to={`${base}/claims/${id}`} data-testid={`rc-claim-link-${id}`}>#{id}</Link> },
          { title: T.claim.month, dataIndex: 'month', width: 90 },
          { title: T.claim.bank, dataIndex: 'bankName', ellipsis: true },
          { title: T.claim.state, dataIndex: 'state', width: 150, render: (s: string, c) => <Space size={4}><Tag color={STATE_COLORS[s]}>{c.stateLabel}</Tag>{c.overdue ? <Tag color="red">{T.claim.overdue}</Tag> : null}</Space> },
          { title: T.claim.items, dataIndex: 'itemCount', width: 70, align: 'right' },
          { title: T.claim.claimed, dataIndex: 'claimedFen', width: 150, align: 'right', render: (v: number) => formatYuan(v) },
          { title: T.claim.approved, dataIndex: 'approvedFen', width: 150, align: 'right', render: (v: number | null) => formatYuan(v) },
          { title: T.claim.window, dataIndex: 'windowClosesOn', width: 130, render: (v: string) => formatDateZh(v) },
          { title: T.claim.due, dataIndex: 'dueOn', width: 130, render: (v: string | null) => (v ? formatDateZh(v) : '—') },
        ]}
      />
      {open ? <NewClaimModal open onClose={() => setOpen(false)} onCreated={(id) => navigate(`${base}/claims/${id}`)} /> : null}
    </PageContainer>
  );
}
