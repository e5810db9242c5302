import { Button, Card, Form, Input, Select, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import type { Query } from '../../../lib/api';
import { formatYuan, ppmToPercent, formatDateZh } from '../../../lib/format';
import { type RiskCompensationLoanView, useLoans } from '../api/risk-compensation.api';
import { LoanFormModal } from '../components/LoanFormModal';
import { UploadModal } from '../components/UploadModal';
import { T } from '../texts';

/** The bank's loans (all loans for FG and DEPT, a city's borrowers for a city): filter, page, export, register. */
export function LoansPage({ base, canFile }: { base: string; canFile: boolean }) {
  const [filters, setFilters] = useState<Query>({});
  const [page, setPage] = useState({ page: 1, pageSize: 20 });
  const [modal, setModal] = useState<'form' | 'upload' | null>(null);
  const loans = useLoans({ ...filters, ...page });
  return (
    <PageContainer
      title={T.loan.title}
      extra={<>
        {canFile ? <Button type="primary" onClick={() => setModal('form')} data-testid="rc-loan-add">{T.loan.add}</Button> : null}
        {canFile ? <Button onClick={() => setModal('upload')} data-testid="rc-loan-upload">{T.loan.upload}</Button> : null}
        <ExportButton path="/api/risk-compensation/loans/export" query={filters} fallbackName="贷款登记.xlsx" testId="rc-loans-export" />
      </>}
      testId="rc-loans-page"
    >
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline" style={{ rowGap: 12 }} onFinish={(v: Record<string, string | undefined>) => { setFilters(Object.fromEntries(Object.entries(v).filter(([, x]) => x))); setPage((p) => ({ ...p, page: 1 })); }}>
          <Form.Item name="q"><Input placeholder={T.loan.search} allowClear style={{ width: 240 }} /></Form.Item>
          <Form.Item name="month"><Input placeholder={`${T.loan.month}（YYYY-MM）`} allowClear style={{ width: 180 }} /></Form.Item>
          <Form.Item name="eligible"><Select placeholder={T.loan.eligible} allowClear style={{ width: 120 }} options={[{ value: 'true', label: T.loan.eligibleYes }, { value: 'false', label: T.loan.eligibleNo }]} /></Form.Item>
          <Form.Item name="claimed"><Select placeholder={T.loan.claimed} allowClear style={{ width: 120 }} options={[{ value: 'true', label: T.loan.claimedYes }, { value: 'false', label: T.loan.claimedNo }]} /></Form.Item>
          <Form.Item><Button htmlType="submit">查询</Button></Form.Item>
        </Form>
      </Card>
      {loans.error ? <QueryError error={loans.error} onRetry={() => void loans.refetch()} /> : null}
      <Table<RiskCompensationLoanView>
        rowKey="id" size="middle" loading={loans.isLoading} dataSource={loans.data?.items ?? []} scroll={{ x: 1300 }} data-testid="rc-loans-table"
        pagination={{ current: page.page, pageSize: page.pageSize, total: loans.data?.total ?? 0, showTotal: (n) => `共 ${n} 笔`, onChange: (p, s) => setPage({ page: p, pageSize: s }) }}
        columns={[
          { title: T.loan.contractNo, dataIndex: 'contractNo', width: 150 },
          { title: T.loan.bank, dataIndex: 'bankName', width: 200, ellipsis: true },
          { title: T.loan.borrower, dataIndex: 'borrowerName', width: 200, render: (v: string | null, l) => <Tooltip title={l.borrowerUscc}>{v ?? l.borrowerUscc}</Tooltip> },
          { title: '规模', dataIndex: 'borrowerSizeClass', width: 60, render: (v: string | null) => (v ? T.sizes[v] : '—') },
          { title: T.loan.amount, dataIndex: 'amountFen', width: 140, align: 'right', render: (v: number) => formatYuan(v) },
          { title: T.loan.startOn, dataIndex: 'startOn', width: 110, render: (v: string | null) => (v ? formatDateZh(v) : '—') },
          { title: T.loan.type, dataIndex: 'loanType', width: 140, render: (v: string) => T.loanTypes[v] ?? v },
          { title: '年利率', dataIndex: 'annualRatePpm', width: 80, render: (v: number) => ppmToPercent(v) },
          { title: T.loan.npOn, dataIndex: 'nonPerformingOn', width: 110, render: (v: string | null) => (v ? formatDateZh(v) : '—') },
          { title: T.loan.npPrincipal, dataIndex: 'nonPerformingPrincipalFen', width: 150, align: 'right', render: (v: number) => formatYuan(v) },
          {
            title: T.loan.eligible, dataIndex: 'eligible', width: 220,
            render: (v: boolean, l) => (v ? <Tag color="green">{T.loan.eligibleYes}</Tag> : <Tooltip title={l.eligibilityReasons.join('；')}><Tag color="red">{T.loan.eligibleNo}</Tag><span style={{ fontSize: 12 }}>{l.eligibilityReasons[0]}</span></Tooltip>),
          },
          { title: T.loan.claim, dataIndex: 'claimId', width: 90, render: (v: number | null) => (v ? <Link to={`${base}/claims/${v}`}>#{v}</Link> : '—') },
        ]}
      />
      <LoanFormModal open={modal === 'form'} onClose={() => setModal(null)} onSaved={() => { setModal(null); void loans.refetch(); }} />
      <UploadModal open={modal === 'upload'} onClose={() => setModal(null)} onDone={() => void loans.refetch()} />
    </PageContainer>
  );
}
