import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Form, Input, Select, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatDate, formatInstant } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { useMe } from '../../../lib/use-me';
import { LISTS_KEY, useListEntries, useOfficialList, type EntryStatusFilter, type ListEntryFilters, type ListEntryView } from '../api/lists.api';
import { mayMaintainLists, validityText } from '../api/registry-model';
import { NoWrap } from '../components/NoWrap';
import { RemoveEntryModal } from '../components/RemoveEntryModal';
import { serverPagination } from '../../../lib/pagination';

const STATUS_FILTERS: readonly EntryStatusFilter[] = ['all', 'active', 'removed'];

/** The enterprises on one official list (in the reader's region), removed ones marked, and removal for province bodies. */
export function ListEntriesPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const list = useOfficialList(id);
  const [form] = Form.useForm<{ q?: string; status: EntryStatusFilter }>();
  const [filters, setFilters] = useState<ListEntryFilters>({ status: 'all' });
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const [removing, setRemoving] = useState<{ entry: ListEntryView; open: boolean }>();
  const entries = useListEntries(id, filters, page, pageSize);
  const mayRemove = mayMaintainLists(me);

  const statusLabel = (s: EntryStatusFilter) => (s === 'all' ? t('common.all') : s === 'active' ? t('listEntries.statusActive') : t('listEntries.statusRemoved'));

  const columns: TableColumnsType<ListEntryView> = [
    { title: t('listEntries.uscc'), dataIndex: 'uscc', render: (v: string) => <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{v}</span> },
    { title: t('listEntries.name'), dataIndex: 'name' },
    {
      title: t('listEntries.enterprise'),
      dataIndex: 'enterpriseName',
      render: (_, e) =>
        e.enterpriseId ? (
          <Link to={`/registry/enterprises/${e.enterpriseId}`}>{e.enterpriseName}</Link>
        ) : (
          <Typography.Text type="secondary">{t('listEntries.notRegistered')}</Typography.Text>
        ),
    },
    { title: <NoWrap>{t('listEntries.region')}</NoWrap>, dataIndex: 'regionName', render: (v: string | null) => <NoWrap>{v ?? '—'}</NoWrap> },
    { title: t('listEntries.remark'), dataIndex: 'remark', render: (v: string | null) => v || '—' },
    { title: <NoWrap>{t('listEntries.addedAt')}</NoWrap>, dataIndex: 'addedAt', render: (v: string) => <NoWrap>{formatInstant(v, locale)}</NoWrap> },
    {
      title: t('listEntries.status'),
      key: 'status',
      render: (_, e) =>
        e.removedAt ? (
          <Flex vertical gap={2}>
            <span>
              <Tag color="red">{t('entryStatus.removed')}</Tag>
            </span>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('listEntries.removedInfo', { at: formatInstant(e.removedAt, locale), by: e.removedBy ?? '—' })}
            </Typography.Text>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('enterprise.removalReason', { reason: e.removalReason ?? '—' })}
            </Typography.Text>
          </Flex>
        ) : (
          <Tag color="green">{t('listEntries.statusActive')}</Tag>
        ),
    },
    ...(mayRemove
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, e: ListEntryView) =>
              e.removedAt ? null : (
                <Button type="link" size="small" danger onClick={() => setRemoving({ entry: e, open: true })} data-testid={`list-entry-remove-${e.id}`}>
                  {t('listEntries.remove')}
                </Button>
              ),
          },
        ]
      : []),
  ];

  const l = list.data;
  return (
    <PageContainer
      title={l ? l.name : t('lists.title')}
      subTitle={l ? `${t(`listKind.${l.kind}`)} · ${l.batch}` : undefined}
      extra={
        <Link to="/registry/lists">
          <Button icon={<ArrowLeftOutlined />}>{t('registry.back')}</Button>
        </Link>
      }
      testId="list-entries-page"
    >
      {list.isError ? (
        <QueryError error={list.error} onRetry={() => void list.refetch()} />
      ) : l ? (
        <Card style={{ marginBottom: 16 }}>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 3 }}
            data-testid="list-info"
            items={[
              { key: 'issuer', label: t('lists.issuer'), children: l.issuer },
              { key: 'issuedOn', label: t('lists.issuedOn'), children: formatDate(l.issuedOn, locale) },
              { key: 'validity', label: t('lists.validity'), children: validityText(l.validFrom, l.validTo, locale) },
              { key: 'source', label: t('lists.source'), children: l.source ?? '—' },
              {
                key: 'count',
                label: t('lists.entryCount'),
                children: `${l.entryCount}${l.removedCount > 0 ? `（${t('lists.removedCount', { n: l.removedCount })}）` : ''}`,
              },
            ]}
          />
        </Card>
      ) : null}
      <Card style={{ marginBottom: 16 }}>
        <Form
          form={form}
          layout="inline"
          style={{ rowGap: 12 }}
          initialValues={{ status: 'all' }}
          onFinish={(v) => {
            setFilters({ q: v.q?.trim() || undefined, status: v.status });
            setPage(1);
          }}
        >
          <Form.Item name="q" label={t('listEntries.keyword')}>
            <Input allowClear placeholder={t('listEntries.keywordPlaceholder')} style={{ width: 240 }} data-testid="list-entries-filter-q" />
          </Form.Item>
          <Form.Item name="status" label={t('listEntries.status')}>
            <Select style={{ width: 130 }} options={STATUS_FILTERS.map((s) => ({ value: s, label: statusLabel(s) }))} data-testid="list-entries-filter-status" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="list-entries-search">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  setFilters({ status: 'all' });
                  setPage(1);
                }}
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {entries.isError ? (
        <QueryError error={entries.error} onRetry={() => void entries.refetch()} />
      ) : (
        <Table<ListEntryView>
          rowKey={(e) => String(e.id)}
          columns={columns}
          dataSource={entries.data?.items ?? []}
          loading={entries.isFetching}
          pagination={serverPagination({ page, pageSize, total: entries.data?.total ?? 0, setPage, setPageSize, showTotal: (total) => t('common.total', { total }) })}
          data-testid="list-entries-table"
        />
      )}
      {removing ? (
        <RemoveEntryModal
          key={removing.entry.id}
          entry={removing.entry}
          open={removing.open}
          onClose={() => setRemoving({ ...removing, open: false })}
          onChanged={() => void queryClient.invalidateQueries({ queryKey: LISTS_KEY })}
        />
      ) : null}
    </PageContainer>
  );
}
