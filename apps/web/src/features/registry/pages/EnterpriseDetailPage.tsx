import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Button, Card, Descriptions, Flex, Skeleton, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatDate, formatInstant, formatYuanWithUnit } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { hasPermission, PERMISSIONS } from '../../../lib/me';
import { useMe } from '../../../lib/use-me';
import { enterpriseKey, ENTERPRISES_KEY, useEnterprise, type EnterpriseDetail } from '../api/enterprises.api';
import { entryStatusColour, validityText } from '../api/registry-model';
import { EnterpriseEditModal } from '../components/EnterpriseEditModal';
import { NoWrap } from '../components/NoWrap';
import { SizeTag } from '../components/SizeTag';

type Entry = EnterpriseDetail['entries'][number];

/** Whether the app has an earlier entry to go back to (react-router keeps its index in history.state). */
function hasHistory(): boolean {
  const state: unknown = window.history.state;
  return typeof state === 'object' && state !== null && 'idx' in state && typeof state.idx === 'number' && state.idx > 0;
}

/** One enterprise: its profile with the size class and why, its lists and honours, and the edit form. */
export function EnterpriseDetailPage() {
  const { id = '' } = useParams();
  const { t, locale } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const enterprise = useEnterprise(id);
  const [editing, setEditing] = useState(false);
  const mayEdit = hasPermission(me, PERMISSIONS.enterprisesImport);
  const e = enterprise.data;

  const back = (
    <Button
      icon={<ArrowLeftOutlined />}
      // Back to the search as it was (its filters are in the URL); to a fresh search when opened directly.
      onClick={() => void (hasHistory() ? navigate(-1) : navigate('/registry/enterprises'))}
      data-testid="enterprise-back"
    >
      {t('registry.back')}
    </Button>
  );

  if (enterprise.isError) {
    return (
      <PageContainer title={t('enterprises.title')} extra={back} testId="enterprise-detail">
        <QueryError error={enterprise.error} onRetry={() => void enterprise.refetch()} />
      </PageContainer>
    );
  }
  if (!e) {
    return (
      <PageContainer title={t('enterprises.title')} extra={back} testId="enterprise-detail">
        <Skeleton active />
      </PageContainer>
    );
  }

  const entryColumns: TableColumnsType<Entry> = [
    { title: t('enterprise.entryKind'), dataIndex: 'kind', render: (_, r) => t(`listKind.${r.kind}`) },
    {
      title: t('enterprise.entryList'),
      dataIndex: 'listName',
      render: (name: string, r) => <Link to={`/registry/lists/${r.listId}`}>{name}</Link>,
    },
    { title: t('enterprise.entryBatch'), dataIndex: 'batch', render: (v: string) => <NoWrap>{v}</NoWrap> },
    { title: t('enterprise.entryIssuer'), dataIndex: 'issuer' },
    { title: <NoWrap>{t('lists.issuedOn')}</NoWrap>, dataIndex: 'issuedOn', render: (v: string) => <NoWrap>{formatDate(v, locale)}</NoWrap> },
    { title: t('enterprise.entryValidity'), key: 'validity', render: (_, r) => validityText(r.validFrom, r.validTo, locale) },
    {
      title: t('enterprise.entryStatus'),
      dataIndex: 'status',
      render: (_, r) => (
        <Flex vertical gap={2}>
          <span>
            <Tag color={entryStatusColour(r.status)} data-testid={`enterprise-entry-status-${r.entryId}`}>
              {t(`entryStatus.${r.status}`)}
            </Tag>
          </span>
          {r.status === 'removed' ? (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatInstant(r.removedAt, locale)} · {t('enterprise.removalReason', { reason: r.removalReason ?? '—' })}
            </Typography.Text>
          ) : null}
        </Flex>
      ),
    },
  ];

  return (
    <PageContainer
      title={e.name}
      subTitle={e.uscc}
      extra={
        <>
          {back}
          {mayEdit ? (
            <Button type="primary" icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="enterprise-edit">
              {t('enterprise.edit')}
            </Button>
          ) : null}
        </>
      }
      testId="enterprise-detail"
    >
      <Card title={t('enterprise.profile')} style={{ marginBottom: 16 }}>
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          styles={{ label: { width: 170 } }}
          data-testid="enterprise-profile"
          items={[
            { key: 'uscc', label: t('enterprises.uscc'), children: <span style={{ fontFamily: 'monospace' }}>{e.uscc}</span> },
            { key: 'name', label: t('enterprises.name'), children: e.name },
            { key: 'region', label: t('enterprises.region'), children: `${e.regionName}（${e.regionCode}）` },
            {
              key: 'section',
              label: t('enterprise.industrySection'),
              children: e.industrySection ? `${e.industrySection} ${e.industrySectionName ?? ''}` : '—',
            },
            { key: 'code', label: t('enterprise.industryCode'), children: e.industryCode ?? '—' },
            { key: 'row', label: t('enterprise.industryRow'), children: e.industryRowName ?? '—' },
            {
              key: 'employees',
              label: t('enterprise.employees'),
              children: e.employees === null ? '—' : t('enterprise.employeesValue', { n: e.employees.toLocaleString('zh-CN') }),
            },
            { key: 'updated', label: t('enterprise.updatedAt'), children: formatInstant(e.updatedAt, locale) },
            { key: 'revenue', label: t('enterprise.revenue'), children: <span data-testid="enterprise-revenue">{formatYuanWithUnit(e.revenueFen)}</span> },
            { key: 'assets', label: t('enterprise.assets'), children: <span data-testid="enterprise-assets">{formatYuanWithUnit(e.assetsFen)}</span> },
            {
              key: 'size',
              label: t('enterprise.size'),
              span: 'filled',
              children: (
                <Flex vertical gap={4} data-testid="enterprise-size">
                  <span>
                    <SizeTag size={e.sizeClass} reason={null} testId="enterprise-size-class" />
                  </span>
                  <Typography.Text data-testid="enterprise-size-reason">{e.sizeReason ?? t('enterprises.noReason')}</Typography.Text>
                </Flex>
              ),
            },
          ]}
        />
      </Card>
      <Card title={t('enterprise.entries')}>
        <Table<Entry>
          rowKey={(r) => String(r.entryId)}
          columns={entryColumns}
          dataSource={e.entries}
          pagination={false}
          size="small"
          locale={{ emptyText: t('enterprise.entriesEmpty') }}
          data-testid="enterprise-entries"
        />
      </Card>
      {mayEdit ? (
        <EnterpriseEditModal
          key={e.version}
          enterprise={e}
          open={editing}
          onClose={() => setEditing(false)}
          onSaved={(saved) => {
            queryClient.setQueryData(enterpriseKey(id), saved);
            void queryClient.invalidateQueries({ queryKey: [...ENTERPRISES_KEY, 'list'] });
          }}
          onStale={() => void queryClient.invalidateQueries({ queryKey: enterpriseKey(id) })}
        />
      ) : null}
    </PageContainer>
  );
}
