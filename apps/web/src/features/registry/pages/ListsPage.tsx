import type { ListKindId } from '@relief/domain';
import { Card, Form, Select, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatDate } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { useOfficialLists, type OfficialListView } from '../api/lists.api';
import { LIST_KIND_OPTIONS, validityText } from '../api/registry-model';
import { NoWrap } from '../components/NoWrap';
import { serverPagination } from '../../../lib/pagination';

/** Official lists and honours as issued (kind, batch, issuer, validity), with their enterprises in the reader's region. */
export function ListsPage() {
  const { t, locale } = useI18n();
  const [kind, setKind] = useState<ListKindId | undefined>();
  const [page, setPage] = useState(1);
  const [pageSize, setPageSize] = useState(20);
  const lists = useOfficialLists(kind, page, pageSize);

  const columns: TableColumnsType<OfficialListView> = [
    {
      title: t('lists.kind'),
      dataIndex: 'kind',
      render: (_, l) => <Tag color={l.category === 'honour' ? 'geekblue' : 'volcano'}>{t(`listKind.${l.kind}`)}</Tag>,
    },
    {
      title: t('lists.name'),
      dataIndex: 'name',
      render: (name: string, l) => (
        <Link to={`/registry/lists/${l.id}`} data-testid={`list-link-${l.id}`}>
          {name}
        </Link>
      ),
    },
    { title: <NoWrap>{t('lists.batch')}</NoWrap>, dataIndex: 'batch', render: (v: string) => <NoWrap>{v}</NoWrap> },
    { title: t('lists.issuer'), dataIndex: 'issuer' },
    { title: <NoWrap>{t('lists.issuedOn')}</NoWrap>, dataIndex: 'issuedOn', render: (v: string) => <NoWrap>{formatDate(v, locale)}</NoWrap> },
    { title: t('lists.validity'), key: 'validity', render: (_, l) => validityText(l.validFrom, l.validTo, locale) },
    {
      title: <NoWrap>{t('lists.entryCount')}</NoWrap>,
      dataIndex: 'entryCount',
      align: 'right',
      render: (n: number, l) => (
        <NoWrap>
          {n}
          {l.removedCount > 0 ? (
            <Typography.Text type="secondary" style={{ marginInlineStart: 8, fontSize: 12 }}>
              {t('lists.removedCount', { n: l.removedCount })}
            </Typography.Text>
          ) : null}
        </NoWrap>
      ),
    },
  ];

  return (
    <PageContainer title={t('lists.title')} subTitle={t('lists.scopeHint')} testId="lists-page">
      <Card style={{ marginBottom: 16 }}>
        <Form layout="inline">
          <Form.Item label={t('lists.kind')}>
            <Select<ListKindId>
              allowClear
              value={kind}
              onChange={(v) => {
                setKind(v);
                setPage(1);
              }}
              style={{ width: 300 }}
              placeholder={t('common.all')}
              options={LIST_KIND_OPTIONS.map((k) => ({ value: k, label: t(`listKind.${k}`) }))}
              data-testid="lists-filter-kind"
            />
          </Form.Item>
        </Form>
      </Card>
      {lists.isError ? (
        <QueryError error={lists.error} onRetry={() => void lists.refetch()} />
      ) : (
        <Table<OfficialListView>
          rowKey={(l) => String(l.id)}
          columns={columns}
          dataSource={lists.data?.items ?? []}
          loading={lists.isFetching}
          pagination={serverPagination({ page, pageSize, total: lists.data?.total ?? 0, setPage, setPageSize, showTotal: (total) => t('common.total', { total }) })}
          data-testid="lists-table"
        />
      )}
    </PageContainer>
  );
}
