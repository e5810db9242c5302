import { PlusOutlined } from '@ant-design/icons';
import { Button, Card, DatePicker, Form, Input, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatDate, formatYuan, ppmToPercent } from '../../../lib/format';
import { cleanQuery, type GuaranteeFilingView, useGuaranteeFilings, useGuaranteeInstitutions } from '../api/guarantee.api';
import { CompensationModal } from '../components/CompensationModal';
import { FilingForm } from '../components/FilingForm';
import { T } from '../texts';
import { serverPagination } from '../../../lib/pagination';

interface Filters {
  q?: string;
  institutionId?: number;
  sizeClass?: string;
  compensated?: string;
  from?: string;
  to?: string;
}

/** Filings: the institution's own (with 担保备案 and 登记代偿), a city's region, or the whole province. */
export function FilingsPage({ canFile }: { canFile: boolean }) {
  const [filters, setFilters] = useState<Filters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [filingOpen, setFilingOpen] = useState(false);
  const [compensateFor, setCompensateFor] = useState<GuaranteeFilingView | null>(null);
  const [form] = Form.useForm();
  const query = cleanQuery({ ...filters });
  const list = useGuaranteeFilings({ ...query, page, pageSize });
  const institutions = useGuaranteeInstitutions();

  const columns: TableColumnsType<GuaranteeFilingView> = [
    { title: '备案号', dataIndex: 'id', width: 70 },
    ...(canFile ? [] : [{ title: T.filing.institution, dataIndex: 'institutionName' }]),
    { title: T.filing.enterprise, dataIndex: 'enterpriseName', render: (v: string, r) => <Tooltip title={r.uscc}>{v}</Tooltip> },
    { title: T.filing.region, dataIndex: 'regionName' },
    { title: T.filing.size, dataIndex: 'sizeLabel', render: (v: string, r) => <Tag color={r.smallMicro ? 'green' : 'orange'}>{v}</Tag> },
    { title: T.filing.bank, dataIndex: 'bankName' },
    { title: T.filing.contractNo, dataIndex: 'contractNo' },
    { title: T.filing.amountCol, dataIndex: 'amountFen', align: 'right', render: (v: number) => formatYuan(v) },
    { title: T.filing.term, dataIndex: 'termMonths', align: 'right' },
    { title: T.filing.feeCol, dataIndex: 'feeRatePpm', align: 'right', render: (v: number) => ppmToPercent(v) },
    { title: T.filing.counter, dataIndex: 'counterGuarantee', render: (v: boolean) => (v ? T.common.yes : T.common.no) },
    { title: T.filing.startOn, dataIndex: 'startOn', render: (v: string) => formatDate(v) },
    {
      title: '标记', key: 'flags',
      render: (_, r) => (
        <Space size={4} wrap>
          {r.termsBound ? <Tag color="blue">{T.filing.bound}</Tag> : null}
          {r.overSingleFirmCap ? <Tag color="orange">{T.filing.overCap}</Tag> : null}
          {r.compensated ? <Tag color="red">{T.filing.compensated}</Tag> : null}
        </Space>
      ),
    },
    ...(canFile
      ? [{
        title: '操作', key: 'actions', fixed: 'right' as const,
        render: (_: unknown, r: GuaranteeFilingView) => (r.compensated ? null : (
          <Button size="small" onClick={() => setCompensateFor(r)} data-testid={`gu-compensate-${r.contractNo}`}>{T.filing.compensate}</Button>
        )),
      }]
      : []),
  ];

  const apply = (v: { q?: string; institutionId?: number; sizeClass?: string; compensated?: string; range?: [Dayjs, Dayjs] | null }) => {
    setFilters({ q: v.q, institutionId: v.institutionId, sizeClass: v.sizeClass, compensated: v.compensated, from: v.range?.[0]?.format('YYYY-MM-DD'), to: v.range?.[1]?.format('YYYY-MM-DD') });
    setPage(1);
  };

  return (
    <PageContainer
      title={T.nav.filings}
      subTitle={T.filing.ruleHint}
      testId="gu-filings-page"
      extra={(
        <>
          {canFile ? <Button type="primary" icon={<PlusOutlined />} onClick={() => setFilingOpen(true)} data-testid="gu-new-filing">{T.filing.new}</Button> : null}
          <ExportButton path="/api/guarantee/filings/export" query={query} fallbackName="担保备案.xlsx" testId="gu-filings-export" />
        </>
      )}
    >
      <Card style={{ marginBottom: 16 }}>
        <Form form={form} layout="inline" onFinish={apply} style={{ rowGap: 8 }}>
          <Form.Item name="q"><Input allowClear placeholder={T.filing.search} style={{ width: 240 }} /></Form.Item>
          {canFile ? null : (
            <Form.Item name="institutionId" label={T.filing.institution}>
              <Select allowClear style={{ width: 220 }} options={(institutions.data?.items ?? []).map((i) => ({ value: i.organisationId, label: i.name }))} />
            </Form.Item>
          )}
          <Form.Item name="sizeClass" label={T.filing.size}>
            <Select allowClear style={{ width: 100 }} options={[{ value: 'micro', label: '微型' }, { value: 'small', label: '小型' }, { value: 'medium', label: '中型' }, { value: 'large', label: '大型' }]} />
          </Form.Item>
          <Form.Item name="compensated" label={T.filing.compensated}>
            <Select allowClear style={{ width: 90 }} options={[{ value: 'true', label: T.common.yes }, { value: 'false', label: T.common.no }]} />
          </Form.Item>
          <Form.Item name="range" label={T.filing.fromTo}><DatePicker.RangePicker /></Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit">{T.common.search}</Button>
              <Button onClick={() => { form.resetFields(); apply({}); }}>{T.common.reset}</Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {list.isError ? <QueryError error={list.error} onRetry={() => void list.refetch()} /> : (
        <Table<GuaranteeFilingView>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          scroll={{ x: 'max-content' }}
          pagination={serverPagination({ page, pageSize, total: list.data?.total ?? 0, setPage, setPageSize, showTotal: T.common.total })}
          data-testid="gu-filings-table"
        />
      )}
      {canFile ? <FilingForm open={filingOpen} onClose={() => setFilingOpen(false)} /> : null}
      {compensateFor ? <CompensationModal filing={compensateFor} onClose={() => setCompensateFor(null)} /> : null}
    </PageContainer>
  );
}
