import { ArrowLeftOutlined, CheckOutlined, CloseOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Descriptions, Flex, Popconfirm, Progress, Skeleton, Space, Typography } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { isApiError } from '../../../lib/api';
import { showApiError } from '../../../lib/form-errors';
import { formatDate, formatInstant } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { buttonTestId } from '../../../lib/test-id';
import { cancelImport, confirmImport, importJobKey, IMPORTS_KEY, useImportJob, type ImportJobView } from '../api/imports.api';
import { canCancelImport, canConfirmImport, importKindText, importProgress, importSummaryText, isImportRunning, isReportReady, validityText } from '../api/registry-model';
import { ImportReport } from '../components/ImportReport';
import { ImportStatusTag } from '../components/ImportStatusTag';

/**
 * One import: progress while the server validates (polled every second), the stored report, and
 * the decision: confirm the valid rows (nothing is written before) or discard the upload.
 */
export function ImportJobPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const job = useImportJob(id);
  const [acting, setActing] = useState<'confirm' | 'cancel' | null>(null);

  const back = (
    <Link to="/registry/imports">
      <Button icon={<ArrowLeftOutlined />} data-testid="import-back">
        {t('imports.backToList')}
      </Button>
    </Link>
  );

  if (job.isError) {
    return (
      <PageContainer title={t('imports.title')} extra={back} testId="import-job-page">
        <QueryError error={job.error} onRetry={() => void job.refetch()} />
      </PageContainer>
    );
  }
  const j = job.data;
  if (!j) {
    return (
      <PageContainer title={t('imports.title')} extra={back} testId="import-job-page">
        <Skeleton active />
      </PageContainer>
    );
  }

  const act = async (what: 'confirm' | 'cancel') => {
    setActing(what);
    try {
      const next = await (what === 'confirm' ? confirmImport(j.id) : cancelImport(j.id));
      queryClient.setQueryData(importJobKey(id), next);
      void message.success(t(what === 'confirm' ? 'imports.confirmed' : 'imports.cancelled'));
    } catch (e) {
      // 409 (confirmed or cancelled meanwhile) and 422 (nothing valid): the server says which; show the truth.
      if (isApiError(e) && (e.status === 409 || e.status === 422)) void message.error(e.message);
      else showApiError(e, message);
      void job.refetch();
    } finally {
      setActing(null);
      void queryClient.invalidateQueries({ queryKey: [...IMPORTS_KEY, 'list'] });
    }
  };

  const invalidRows = Math.max(0, (j.totalRows ?? 0) - j.validRows);
  const ready = isReportReady(j);

  return (
    <PageContainer
      title={j.fileName}
      subTitle={importKindText(j.kind, locale)}
      extra={back}
      testId="import-job-page"
    >
      <Card style={{ marginBottom: 16 }}>
        <Flex vertical gap={16}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            items={[
              { key: 'status', label: t('imports.status'), children: <ImportStatusTag status={j.status} testId="import-status" /> },
              { key: 'kind', label: t('imports.kind'), children: importKindText(j.kind, locale) },
              { key: 'rows', label: t('imports.totalRows'), children: j.totalRows ?? '—' },
              { key: 'by', label: t('imports.createdBy'), children: j.createdBy ?? '—' },
              { key: 'at', label: t('imports.createdAt'), children: formatInstant(j.createdAt, locale) },
              ...(j.confirmedAt
                ? [
                    { key: 'cby', label: t('imports.confirmedBy'), children: j.confirmedBy ?? '—' },
                    { key: 'cat', label: t('imports.confirmedAt'), children: formatInstant(j.confirmedAt, locale) },
                  ]
                : []),
            ]}
          />
          {j.list ? <ListMeta job={j} /> : null}
          <JobProgress job={j} />
          {ready ? (
            <Alert
              type={j.errorCount > 0 ? 'warning' : 'success'}
              showIcon
              title={<span data-testid="import-summary">{importSummaryText(j, locale)}</span>}
              description={j.status === 'validated' && j.validRows === 0 ? t('imports.nothingValid') : undefined}
            />
          ) : null}
          {j.status === 'failed' ? <Alert type="error" showIcon title={t('imports.failed')} description={j.errorMessage ?? undefined} data-testid="import-error" /> : null}
          {j.status === 'done' ? (
            <Alert
              type="success"
              showIcon
              title={t('imports.doneTitle', { rows: j.confirmedRows })}
              action={
                j.listId ? (
                  <Link to={`/registry/lists/${j.listId}`}>{t('imports.goList')}</Link>
                ) : (
                  <Link to="/registry/enterprises">{t('imports.goEnterprises')}</Link>
                )
              }
              data-testid="import-done"
            />
          ) : null}
          <Space wrap>
            <Popconfirm
              title={t('imports.confirmTitle', { valid: j.validRows })}
              description={<div style={{ maxWidth: 360 }}>{t('imports.confirmText', { valid: j.validRows, invalid: invalidRows })}</div>}
              disabled={!canConfirmImport(j)}
              okText={t('imports.confirm')}
              okButtonProps={buttonTestId('import-confirm-ok')}
              onConfirm={() => act('confirm')}
            >
              <Button type="primary" icon={<CheckOutlined />} disabled={!canConfirmImport(j)} loading={acting === 'confirm'} data-testid="import-confirm">
                {t('imports.confirm')}
              </Button>
            </Popconfirm>
            <Popconfirm
              title={t('imports.cancelTitle')}
              description={t('imports.cancelText')}
              disabled={!canCancelImport(j)}
              okText={t('imports.cancel')}
              okButtonProps={{ ...buttonTestId('import-cancel-ok'), danger: true }}
              onConfirm={() => act('cancel')}
            >
              <Button danger icon={<CloseOutlined />} disabled={!canCancelImport(j)} loading={acting === 'cancel'} data-testid="import-cancel">
                {t('imports.cancel')}
              </Button>
            </Popconfirm>
          </Space>
        </Flex>
      </Card>
      <ImportReport job={j} />
    </PageContainer>
  );
}

function JobProgress({ job }: { job: ImportJobView }) {
  const { t } = useI18n();
  const percent = importProgress(job);
  const running = isImportRunning(job.status);
  const text =
    job.status === 'confirming'
      ? t('imports.progressConfirming', { done: job.confirmedRows, total: job.validRows })
      : t('imports.progressValidating', { done: job.processedRows, total: job.totalRows ?? 0 });
  return (
    <div>
      <Progress
        percent={percent}
        status={job.status === 'failed' ? 'exception' : running ? 'active' : percent === 100 ? 'success' : 'normal'}
        data-testid="import-progress"
        data-percent={percent}
      />
      {running ? <Typography.Text type="secondary">{text}</Typography.Text> : null}
    </div>
  );
}

function ListMeta({ job }: { job: ImportJobView }) {
  const { t, locale } = useI18n();
  const list = job.list!;
  return (
    <Descriptions
      title={t('imports.listMeta')}
      size="small"
      bordered
      column={{ xs: 1, md: 2 }}
      data-testid="import-list-meta"
      items={[
        { key: 'name', label: t('imports.listName'), children: list.listName },
        { key: 'batch', label: t('imports.batch'), children: list.batch },
        { key: 'issuer', label: t('imports.issuer'), children: list.issuer },
        { key: 'issuedOn', label: t('imports.issuedOn'), children: formatDate(list.issuedOn, locale) },
        { key: 'validity', label: t('lists.validity'), children: validityText(list.validFrom ?? list.issuedOn, list.validTo ?? null, locale) },
        { key: 'source', label: t('imports.source'), children: list.source ?? '—' },
      ]}
    />
  );
}
