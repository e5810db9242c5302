import { Card, Empty, Radio, Space, Table, Tag, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { ExportButton } from '../../../components/ExportButton';
import { QueryError } from '../../../components/QueryError';
import { useI18n } from '../../../lib/i18n-context';
import { useImportIssues, type ImportIssueView, type ImportJobView } from '../api/imports.api';
import { isReportReady } from '../api/registry-model';
import { serverPagination } from '../../../lib/pagination';

type Severity = 'error' | 'warning';

/**
 * The stored validation report of an import (it survives a reload: it is the server's): errors
 * first, then warnings, each naming the row as Excel shows it and the column as the template does.
 */
export function ImportReport({ job }: { job: ImportJobView }) {
  const { t } = useI18n();
  const [severity, setSeverity] = useState<Severity | 'all'>('all');
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const issues = useImportIssues(job, severity === 'all' ? undefined : severity, page, pageSize);
  const ready = isReportReady(job);

  const columns: TableColumnsType<ImportIssueView> = [
    { title: t('imports.rowNo'), dataIndex: 'rowNo', width: 80, align: 'right' },
    { title: t('imports.column'), dataIndex: 'column', width: 170 },
    {
      title: t('imports.severity'),
      dataIndex: 'severity',
      width: 80,
      render: (s: Severity) => (
        <Tag color={s === 'error' ? 'red' : 'orange'} data-severity={s}>
          {t(`issueSeverity.${s}`)}
        </Tag>
      ),
    },
    { title: t('imports.message'), dataIndex: 'message' },
  ];

  return (
    <Card
      title={t('imports.report')}
      extra={
        ready ? (
          <Space wrap>
            <Radio.Group
              optionType="button"
              value={severity}
              onChange={(e) => {
                setSeverity(e.target.value as Severity | 'all');
                setPage(1);
              }}
              data-testid="import-issues-filter"
            >
              <Radio.Button value="all" data-testid="import-issues-all">
                {t('common.all')}
              </Radio.Button>
              <Radio.Button value="error" data-testid="import-issues-errors">
                {t('issueSeverity.error')} {job.errorCount}
              </Radio.Button>
              <Radio.Button value="warning" data-testid="import-issues-warnings">
                {t('issueSeverity.warning')} {job.warningCount}
              </Radio.Button>
            </Radio.Group>
            <ExportButton
              path={`/api/imports/${job.id}/issues/export`}
              fallbackName={`校验报告-${job.fileName.replace(/\.xlsx$/i, '')}.xlsx`}
              disabled={job.errorCount + job.warningCount === 0}
              testId="import-issues-export"
            />
          </Space>
        ) : null
      }
    >
      {!ready ? (
        <Empty description={t('imports.reportPending')} />
      ) : issues.isError ? (
        <QueryError error={issues.error} onRetry={() => void issues.refetch()} />
      ) : (
        <Table<ImportIssueView>
          rowKey={(i) => String(i.id)}
          columns={columns}
          dataSource={issues.data?.items ?? []}
          loading={issues.isFetching}
          size="small"
          locale={{ emptyText: t('imports.reportEmpty') }}
          pagination={serverPagination({ page, pageSize, total: issues.data?.total ?? 0, setPage, setPageSize, showTotal: (total) => t('common.total', { total }) })}
          data-testid="import-issues-table"
        />
      )}
    </Card>
  );
}
