import { Button, Card, Form, Input, Select, Space, Table, type TableColumnsType } from 'antd';
import { useEffect, useMemo } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { RegionCascader } from '../../../components/RegionCascader';
import { useI18n } from '../../../lib/i18n-context';
import { useEnterprises, type EnterpriseView } from '../api/enterprises.api';
import {
  enterpriseSearchParams,
  LIST_KIND_OPTIONS,
  parseEnterpriseSearch,
  SIZE_FILTERS,
  toEnterpriseFilters,
  toEnterpriseFilterValues,
  type EnterpriseFilterValues,
  type EnterpriseSearch,
} from '../api/registry-model';
import { ListKindTags } from '../components/ListKindTags';
import { SizeTag } from '../components/SizeTag';

/** The registry search: filters and page live in the URL, so a reload or the way back keeps them. */
export function EnterprisesPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const [params, setParams] = useSearchParams();
  const search = useMemo(() => parseEnterpriseSearch(params), [params]);
  const { filters, page, pageSize } = search;
  const [form] = Form.useForm<EnterpriseFilterValues>();
  const enterprises = useEnterprises(filters, page, pageSize);

  // The form follows the URL (back and forward buttons, a shared link).
  useEffect(() => {
    form.setFieldsValue(toEnterpriseFilterValues(filters));
  }, [form, filters]);

  const go = (next: EnterpriseSearch) => setParams(enterpriseSearchParams(next));
  const detailPath = (e: EnterpriseView) => `/registry/enterprises/${e.id}`;

  const columns: TableColumnsType<EnterpriseView> = [
    { title: t('enterprises.uscc'), dataIndex: 'uscc', width: 190, render: (v: string) => <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{v}</span> },
    {
      title: t('enterprises.name'),
      dataIndex: 'name',
      render: (name: string, e) => (
        <Link to={detailPath(e)} onClick={(ev) => ev.stopPropagation()} data-testid={`enterprise-link-${e.uscc}`}>
          {name}
        </Link>
      ),
    },
    { title: t('enterprises.region'), dataIndex: 'regionName' },
    {
      title: t('enterprises.industry'),
      key: 'industry',
      render: (_, e) => (e.industrySection ? `${e.industrySection} ${e.industrySectionName ?? ''}` : '—'),
    },
    {
      title: t('enterprises.size'),
      dataIndex: 'sizeClass',
      width: 90,
      render: (_, e) => <SizeTag size={e.sizeClass} reason={e.sizeReason} />,
    },
    { title: t('enterprises.lists'), dataIndex: 'listKinds', width: 280, render: (_, e) => <ListKindTags kinds={e.listKinds} /> },
  ];

  return (
    <PageContainer
      title={t('enterprises.title')}
      extra={<ExportButton path="/api/enterprises/export" query={{ ...filters }} fallbackName="企业库.xlsx" testId="enterprises-export" />}
      testId="enterprises-page"
    >
      <Card style={{ marginBottom: 16 }}>
        <Form<EnterpriseFilterValues>
          form={form}
          layout="inline"
          style={{ rowGap: 12 }}
          initialValues={toEnterpriseFilterValues(filters)}
          onFinish={(v) => go({ filters: toEnterpriseFilters(v), page: 1, pageSize })}
          data-testid="enterprises-filters"
        >
          <Form.Item name="q" label={t('enterprises.keyword')}>
            <Input allowClear placeholder={t('enterprises.keywordPlaceholder')} style={{ width: 240 }} data-testid="enterprises-filter-q" />
          </Form.Item>
          <Form.Item name="region" label={t('enterprises.region')}>
            <RegionCascader changeOnSelect placeholder={t('enterprises.regionPlaceholder')} style={{ width: 220 }} testId="enterprises-filter-region" />
          </Form.Item>
          <Form.Item name="list" label={t('enterprises.list')}>
            <Select
              allowClear
              style={{ width: 260 }}
              popupMatchSelectWidth={false}
              placeholder={t('common.all')}
              options={LIST_KIND_OPTIONS.map((k) => ({ value: k, label: t(`listKind.${k}`) }))}
              data-testid="enterprises-filter-list"
            />
          </Form.Item>
          <Form.Item name="size" label={t('enterprises.size')}>
            <Select allowClear placeholder={t('common.all')} style={{ width: 110 }} options={SIZE_FILTERS.map((s) => ({ value: s, label: t(`sizeClass.${s}`) }))} data-testid="enterprises-filter-size" />
          </Form.Item>
          <Form.Item>
            <Space>
              <Button type="primary" htmlType="submit" data-testid="enterprises-search">
                {t('common.search')}
              </Button>
              <Button
                onClick={() => {
                  form.resetFields();
                  go({ filters: {}, page: 1, pageSize });
                }}
                data-testid="enterprises-reset"
              >
                {t('common.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Form>
      </Card>
      {enterprises.isError ? (
        <QueryError error={enterprises.error} onRetry={() => void enterprises.refetch()} />
      ) : (
        <Table<EnterpriseView>
          rowKey={(e) => String(e.id)}
          columns={columns}
          dataSource={enterprises.data?.items ?? []}
          loading={enterprises.isFetching}
          onRow={(e) => ({ onClick: () => void navigate(detailPath(e)), style: { cursor: 'pointer' } })}
          pagination={{
            current: page,
            pageSize,
            total: enterprises.data?.total ?? 0,
            showSizeChanger: true,
            showTotal: (total) => t('common.total', { total }),
            onChange: (p, size) => go({ filters, page: size === pageSize ? p : 1, pageSize: size }),
          }}
          scroll={{ x: 'max-content' }}
          data-testid="enterprises-table"
        />
      )}
    </PageContainer>
  );
}
