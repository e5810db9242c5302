import { Card, Skeleton, Space, Table, Typography } from 'antd';
import { PageContainer } from '../../../components/PageContainer';
import { useI18n } from '../../../lib/i18n-context';
import { useMeasurePolicy, type MeasureContact } from '../api/policy.api';

/** What the menu knows about a measure (app/measures.ts passes its entry). */
export interface MeasureSummary {
  kind: string;
  clause: string;
  title: string;
  titleEn: string;
  description: string;
  descriptionEn: string;
}

/** A measure's page until its procedures are built: what will be here, its clause and contacts. */
export function MeasurePage({ measure }: { measure: MeasureSummary }) {
  const { t, locale } = useI18n();
  const policy = useMeasurePolicy(measure.kind);
  const zh = locale === 'zh-CN';
  return (
    <PageContainer
      title={`${measure.clause} ${zh ? measure.title : measure.titleEn}`}
      subTitle={policy.data?.policyNumber ?? t('app.policy')}
      testId={`measure-${measure.kind}`}
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card title={t('measure.planned')}>
          <Typography.Paragraph data-testid="measure-description">{zh ? measure.description : measure.descriptionEn}</Typography.Paragraph>
          <Typography.Text type="secondary">{t('measure.underConstruction')}</Typography.Text>
        </Card>
        {policy.isPending ? (
          <Card>
            <Skeleton active paragraph={{ rows: 3 }} />
          </Card>
        ) : policy.isSuccess && policy.data ? (
          <>
            {policy.data.text ? (
              <Card title={`${t('measure.clause')} · ${policy.data.ordinal ?? measure.clause} ${policy.data.title ?? ''}`}>
                <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 0 }} data-testid="measure-clause">
                  {policy.data.text}
                </Typography.Paragraph>
              </Card>
            ) : null}
            {policy.data.contacts?.length ? (
              <Card title={t('measure.contacts')}>
                <Table<MeasureContact>
                  size="small"
                  pagination={false}
                  rowKey={(c) => `${c.name}-${c.phone}`}
                  dataSource={policy.data.contacts}
                  columns={[
                    { title: t('contact.name'), dataIndex: 'name' },
                    { title: t('contact.organisation'), dataIndex: 'organisation', render: (v: string | null) => v ?? '—' },
                    { title: t('contact.phone'), dataIndex: 'phone', render: (phone: string) => <a href={`tel:${phone}`}>{phone}</a> },
                  ]}
                  data-testid="measure-contacts"
                />
              </Card>
            ) : null}
          </>
        ) : null}
      </Space>
    </PageContainer>
  );
}
