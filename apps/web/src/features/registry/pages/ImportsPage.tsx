import { PlusOutlined } from '@ant-design/icons';
import { Button, Table, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatInstant } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { useImportJobs, type ImportJobView } from '../api/imports.api';
import { importKindText } from '../api/registry-model';
import { ImportStatusTag } from '../components/ImportStatusTag';
import { NewImportModal } from '../components/NewImportModal';
import { serverPagination } from '../../../lib/pagination';

const count = (n: number, colour?: string) => (n > 0 && colour ? <Typography.Text style={{ color: colour }}>{n}</Typography.Text> : n);

/** Excel imports of the registry and of official lists: the jobs, and a new upload. */
export function ImportsPage() {
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [creating, setCreating] = useState(false);
  const jobs = useImportJobs(page, pageSize);

  const columns: TableColumnsType<ImportJobView> = [
    {
      title: t('imports.fileName'),
      dataIndex: 'fileName',
      render: (name: string, j) => (
        <Link to={`/registry/imports/${j.id}`} data-testid={`import-job-link-${j.id}`}>
          {name}
        </Link>
      ),
    },
    { title: t('imports.kind'), dataIndex: 'kind', render: (_, j) => importKindText(j.kind, locale) },
    { title: t('imports.status'), dataIndex: 'status', render: (_, j) => <ImportStatusTag status={j.status} /> },
    { title: t('imports.totalRows'), dataIndex: 'totalRows', align: 'right', render: (v: number | null) => v ?? '—' },
    { title: t('imports.validRows'), dataIndex: 'validRows', align: 'right' },
    { title: t('imports.errors'), dataIndex: 'errorCount', align: 'right', render: (v: number) => count(v, '#cf1322') },
    { title: t('imports.warnings'), dataIndex: 'warningCount', align: 'right', render: (v: number) => count(v, '#d46b08') },
    { title: t('imports.createdBy'), dataIndex: 'createdBy', render: (v: string | null) => v ?? '—' },
    { title: t('imports.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v, locale) },
  ];

  return (
    <PageContainer
      title={t('imports.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)} data-testid="import-new">
          {t('imports.new')}
        </Button>
      }
      testId="imports-page"
    >
      {jobs.isError ? (
        <QueryError error={jobs.error} onRetry={() => void jobs.refetch()} />
      ) : (
        <Table<ImportJobView>
          rowKey={(j) => String(j.id)}
          columns={columns}
          dataSource={jobs.data?.items ?? []}
          loading={jobs.isPending}
          pagination={serverPagination({ page, pageSize, total: jobs.data?.total ?? 0, setPage, setPageSize, showTotal: (total) => t('common.total', { total }) })}
          scroll={{ x: 'max-content' }}
          data-testid="imports-table"
        />
      )}
      <NewImportModal open={creating} onClose={() => setCreating(false)} onCreated={(job) => void navigate(`/registry/imports/${job.id}`)} />
    </PageContainer>
  );
}
