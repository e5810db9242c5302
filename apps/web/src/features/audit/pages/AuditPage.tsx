import { Button, Card, DatePicker, Form, Input, Space, Table, Tag, type TableColumnsType } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatInstant, shanghaiDayRange } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { useAudit, type AuditFilters, type AuditRow } from '../api/audit.api';
import { AuditDiff } from '../components/AuditDiff';
import { serverPagination } from '../../../lib/pagination';

interface FilterValues {
  actor?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  range?: [Dayjs | null, Dayjs | null] | null;
}

function toFilters(v: FilterValues): AuditFilters {
  const [start, end] = v.range ?? [null, null];
  // The picker's days are civil days in Asia/Shanghai, whatever the browser's time zone.
  const range = start && end ? shanghaiDayRange(start.format('YYYY-MM-DD'), end.format('YYYY-MM-DD')) : undefined;
  return {
    actor: v.actor?.trim() || undefined,
    entityType: v.entityType?.trim() || undefined,
    entityId: v.entityId?.trim() || undefined,
    action: v.action?.trim() || undefined,
    from: range?.from,
    to: range?.to,
  };
}

export function AuditPage() {
  const { t, locale } = useI18n();
  const [form] = Form.useForm<FilterValues>();
  const [filters, setFilters] = useState<AuditFilters>({});
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const audit = useAudit(filters, page, pageSize);

  const columns: TableColumnsType<AuditRow> = [
    { title: t('audit.seq'), dataIndex: 'seq', width: 80 },
    { title: t('audit.at'), dataIndex: 'at', render: (v: string) => formatInstant(v, locale) },
    { title: t('audit.actor'), dataIndex: 'actorUsername', render: (v: string | null) => v ?? '—' },
    { title: t('audit.organisation'), dataIndex: 'organisationName', render: (v: string | null) => v ?? '—' },
    { title: t('audit.action'), dataIndex: 'action', render: (v: string) => <Tag>{v}</Tag> },
    { title: t('audit.entityType'), dataIndex: 'entityType' },
    { title: t('audit.entityId'), dataIndex: 'entityId', render: (v: string | null) => v ?? '—' },
    { title: t('audit.requestId'), dataIndex: 'requestId', render: (v: string | null) => <span style={{ fontFamily: 'monospace', fontSize: 12 }}>{v ?? '—'}</span> },
  ];

  return (
    <PageContainer
      title={t('audit.title')}
      extra={<ExportButton path="/api/audit/export" query={{ ...filters }} fallbackName="审计日志.xlsx" testId="audit-export" />}
      testId="audit-page"
    >
      <Card style={{ marginBottom: 16 }}>
        <Form<FilterValues>
          form={form}
          layout="inline"
          style={{ rowGap: 12 }}
          onFinish={(v) => {
            setFilters(toFilters(v));
            setPage(1);
          }}
          data-testid="audit-filters"
        >
          <Form.Item name="actor" label={t('audit.actor')}>
            <Input allowClear placeholder={t('audit.actorPlaceholder')} style={{ width: 140 }} data-testid="audit-filter-actor" />
          </Form.Item>
          <Form.Item name="entityType" label={t('audit.entityType')}>
            <Input allowClear style={{ width: 140 }} data-testid="audit-filter-entity-type" />
          </Form.Item>
          <Form.Item name="entityId" label={t('audit.entityId')}>
            <Input allowClear style={{ width: 140 }} data-testid="audit-filter-entity-id" />
          </Form.Item>
          <Form.Item name="action" label={t('audit.action')}>
            <Input allowClear style={{ width: 160 }} data-testid="audit-filter-action" />
          </Form.Item>
          <Form.Item name="range" label={t('audit.timeRange')}>
            <DatePicker.RangePicker data-testid="audit-filter-range" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="audit-search">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({});
                  setPage(1);
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {audit.isError ? (
        <QueryError error={audit.error} onRetry={() => void audit.refetch()} />
      ) : (
        <Table<AuditRow>
          rowKey={(r) => String(r.seq)}
          columns={columns}
          dataSource={audit.data?.items ?? []}
          loading={audit.isFetching}
          expandable={{ expandedRowRender: (row) => <AuditDiff row={row} /> }}
          pagination={serverPagination({ page, pageSize, total: audit.data?.total ?? 0, setPage, setPageSize, showTotal: (total) => t('common.total', { total }) })}
          scroll={{ x: 'max-content' }}
          data-testid="audit-table"
        />
      )}
    </PageContainer>
  );
}
