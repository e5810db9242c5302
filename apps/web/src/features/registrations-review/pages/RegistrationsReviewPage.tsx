import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Descriptions, Input, Select, Space, Table, Tag, Tooltip, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { showApiError } from '../../../lib/form-errors';
import { formatInstant, formatYuanWithUnit } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { buttonTestId } from '../../../lib/test-id';
import { activateRegistration, REGISTRATION_STATUSES, REGISTRATIONS_KEY, useRegistrations, type RegistrationRow } from '../api/registrations.api';
import { RejectRegistrationModal } from '../components/RejectRegistrationModal';
import { serverPagination } from '../../../lib/pagination';

const STATUS_COLOURS: Record<string, string> = { pending: 'orange', activated: 'green', rejected: 'red' };

export function RegistrationsReviewPage() {
  const { t, tx, locale } = useI18n();
  const { message, modal } = App.useApp();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<string>('pending');
  const [keyword, setKeyword] = useState('');
  const [q, setQ] = useState<string | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [rejecting, setRejecting] = useState<{ registration: RegistrationRow; open: boolean }>();
  const list = useRegistrations({ status, q }, page, pageSize);

  const search = () => {
    setQ(keyword.trim() || undefined);
    setPage(1);
  };

  const refresh = () => void queryClient.invalidateQueries({ queryKey: REGISTRATIONS_KEY });

  const confirmActivate = (r: RegistrationRow) =>
    modal.confirm({
      title: t('reg.activate'),
      content: t('reg.activateConfirm', { name: r.name }),
      okText: t('reg.activate'),
      okButtonProps: buttonTestId('registration-activate-ok'),
      onOk: async () => {
        try {
          await activateRegistration(r.id);
          void message.success(t('reg.activated', { name: r.name }));
        } catch (e) {
          showApiError(e, message);
        }
        refresh();
      },
    });

  const columns: TableColumnsType<RegistrationRow> = [
    { title: t('reg.uscc'), dataIndex: 'uscc', render: (v: string) => <span style={{ fontFamily: 'monospace' }}>{v}</span> },
    { title: t('reg.name'), dataIndex: 'name' },
    { title: t('reg.region'), dataIndex: 'regionName' },
    {
      title: t('reg.contact'),
      key: 'contact',
      render: (_, r) => (
        <>
          {r.contactName}
          <br />
          <a href={`tel:${r.contactPhone}`}>{r.contactPhone}</a>
        </>
      ),
    },
    { title: t('reg.username'), dataIndex: 'username' },
    {
      title: t('reg.sizeClass'),
      dataIndex: 'sizeClass',
      render: (v: string | null | undefined, r) =>
        v ? (
          <Tooltip title={r.sizeReason ?? undefined}>
            <Tag>{tx(`sizeClass.${v}`, v)}</Tag>
          </Tooltip>
        ) : (
          '—'
        ),
    },
    { title: t('reg.createdAt'), dataIndex: 'createdAt', render: (v: string) => formatInstant(v, locale) },
    { title: t('reg.status'), dataIndex: 'status', render: (s: string) => <Tag color={STATUS_COLOURS[s]}>{tx(`regStatus.${s}`, s)}</Tag> },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, r) =>
        r.status === 'pending' ? (
          <Space size={0}>
            <Button type="link" size="small" onClick={() => confirmActivate(r)} data-testid={`registration-activate-${r.uscc}`}>
              {t('reg.activate')}
            </Button>
            <Button type="link" size="small" danger onClick={() => setRejecting({ registration: r, open: true })} data-testid={`registration-reject-${r.uscc}`}>
              {t('reg.reject')}
            </Button>
          </Space>
        ) : null,
    },
  ];

  return (
    <PageContainer
      title={t('reg.title')}
      testId="registrations-page"
    >
      <Card style={{ marginBottom: 16 }}>
        <Space>
          <span>{t('reg.status')}</span>
          <Select
            style={{ width: 140 }}
            value={status}
            onChange={(v) => {
              setStatus(v);
              setPage(1);
            }}
            options={[...REGISTRATION_STATUSES.map((s) => ({ value: s as string, label: tx(`regStatus.${s}`, s) })), { value: '', label: t('common.all') }]}
            data-testid="registrations-filter-status"
          />
          <span>{t('reg.keyword')}</span>
          <Input
            allowClear
            style={{ width: 280 }}
            placeholder={t('reg.keywordPlaceholder')}
            value={keyword}
            onChange={(e) => setKeyword(e.target.value)}
            onPressEnter={search}
            data-testid="registrations-filter-q"
          />
          <Button type="primary" onClick={search} data-testid="registrations-search">
            {t('common.search')}
          </Button>
        </Space>
      </Card>
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : (
        <Table<RegistrationRow>
          rowKey={(r) => String(r.id)}
          columns={columns}
          dataSource={list.data?.items ?? []}
          loading={list.isFetching}
          expandable={{
            expandedRowRender: (r) => (
              <Descriptions
                size="small"
                column={{ xs: 1, md: 2, xl: 4 }}
                items={[
                  { key: 'industry', label: t('register.industry'), children: r.industrySection ?? '—' },
                  { key: 'employees', label: t('register.employees'), children: r.employees ?? '—' },
                  { key: 'revenue', label: t('reg.revenue'), children: formatYuanWithUnit(r.revenueFen) },
                  { key: 'assets', label: t('reg.assets'), children: formatYuanWithUnit(r.assetsFen) },
                  ...(r.rejectReason ? [{ key: 'reason', label: t('reg.rejectReason'), children: r.rejectReason }] : []),
                ]}
              />
            ),
          }}
          pagination={serverPagination({ page, pageSize, total: list.data?.total ?? 0, setPage, setPageSize, showTotal: (total) => t('common.total', { total }) })}
          scroll={{ x: 'max-content' }}
          data-testid="registrations-table"
        />
      )}
      {rejecting ? (
        <RejectRegistrationModal
          key={String(rejecting.registration.id)}
          registration={rejecting.registration}
          open={rejecting.open}
          onClose={() => setRejecting({ ...rejecting, open: false })}
          onDone={refresh}
        />
      ) : null}
    </PageContainer>
  );
}
