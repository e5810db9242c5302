import { Button, Card, Collapse, Descriptions, Skeleton, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { formatDate, shanghaiToday } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import type { MessageKey } from '../../../lib/i18n';
import { hasPermission, PERMISSIONS } from '../../../lib/me';
import { useMe } from '../../../lib/use-me';
import { overrideStatuses, type OverrideStatus, type OverrideView } from '../api/overrides';
import { formatParameterValue } from '../api/parameter-format';
import { specOf } from '../api/parameter-spec';
import { usePolicyPreset, type PolicyMeasure } from '../api/policy.api';
import { MeasurePanel } from '../components/MeasurePanel';
import { OverrideModal, type OverrideTarget } from '../components/OverrideModal';

const STATUS: Record<OverrideStatus, { key: MessageKey; color: string }> = {
  inForce: { key: 'policy.inForce', color: 'green' },
  pending: { key: 'policy.pending', color: 'gold' },
  superseded: { key: 'policy.superseded', color: 'default' },
};

function countSources(m: PolicyMeasure) {
  const kinds = Object.values(m.parameters as unknown as Record<string, { source: { kind: string } }>).map((p) => p.source.kind);
  return { external: kinds.filter((k) => k === 'external').length, assumption: kinds.filter((k) => k === 'assumption').length };
}

/** /policy — 鲁工信发〔2020〕1号 clause by clause with contacts and parameters, where each number comes from, and its adjustments. */
export function PolicyPage() {
  const { t, locale } = useI18n();
  const me = useMe().data;
  const canManage = hasPermission(me, PERMISSIONS.policyManage);
  const policy = usePolicyPreset();
  const [target, setTarget] = useState<OverrideTarget | null>(null);
  const today = shanghaiToday();

  if (policy.isPending) {
    return (
      <PageContainer title={t('policy.title')} testId="policy-page">
        <Card>
          <Skeleton active paragraph={{ rows: 8 }} />
        </Card>
      </PageContainer>
    );
  }
  if (policy.isError) {
    return (
      <PageContainer title={t('policy.title')} testId="policy-page">
        <QueryError error={policy.error} onRetry={() => void policy.refetch()} />
      </PageContainer>
    );
  }

  const { preset, overrides, epidemicPeriod } = policy.data;
  const statuses = overrideStatuses(overrides, today);
  const measureOf = (kind: string | null) => preset.measures.find((m) => m.kind === kind);
  const labelOf = (o: OverrideView) => {
    if (o.measure === null) return t('policy.periodEndLabel');
    const p = (measureOf(o.measure)?.parameters as unknown as Record<string, { label: string }> | undefined)?.[o.key];
    return p?.label ?? o.key;
  };
  const valueOf = (o: OverrideView) => {
    if (o.measure === null) return typeof o.value === 'string' ? formatDate(o.value, locale) : t('policy.periodOpen');
    const p = (measureOf(o.measure)?.parameters as unknown as Record<string, { type: never; unit: string }> | undefined)?.[o.key];
    if (!p) return JSON.stringify(o.value);
    return formatParameterValue({ type: p.type, unit: p.unit, value: o.value }, specOf(o.measure, o.key)?.options, { yes: t('common.yes'), no: t('common.no'), none: t('common.none'), notSet: t('policy.notSet') }, locale);
  };

  return (
    <PageContainer
      title={t('policy.title')}
      subTitle={preset.number}
      extra={
        canManage ? (
          <Button onClick={() => setTarget({ kind: 'epidemicEnd', currentEnd: epidemicPeriod.end })} data-testid="policy-set-period-end">
            {t('policy.setPeriodEnd')}
          </Button>
        ) : null
      }
      testId="policy-page"
    >
      <Space orientation="vertical" size={16} style={{ width: '100%' }}>
        <Card>
          <Typography.Title level={4} style={{ marginTop: 0 }} data-testid="policy-doc-title">
            {preset.title}
          </Typography.Title>
          <Descriptions
            size="small"
            column={{ xs: 1, md: 2 }}
            items={[
              { key: 'number', label: t('policy.number'), children: <span data-testid="policy-number">{preset.number}</span> },
              { key: 'issuer', label: t('policy.issuer'), children: preset.issuer },
              { key: 'issuedOn', label: t('policy.issuedOn'), children: <span data-testid="policy-issued-on">{formatDate(preset.issuedOn, locale)}</span> },
              {
                key: 'period',
                label: t('policy.epidemicPeriod'),
                children: (
                  <span data-testid="policy-epidemic-period">
                    {t('policy.periodValue', { start: formatDate(epidemicPeriod.start, locale), end: epidemicPeriod.end ? formatDate(epidemicPeriod.end, locale) : t('policy.periodOpen') })}
                  </span>
                ),
              },
              { key: 'addressees', label: t('policy.addressees'), children: preset.addressees, span: 2 },
              {
                key: 'basis',
                label: t('policy.basis'),
                span: 2,
                children: (
                  <Space orientation="vertical" size={0}>
                    {preset.basis.map((b) => (
                      <span key={b.number}>
                        {b.issuer}《{b.title}》（{b.number}）
                      </span>
                    ))}
                  </Space>
                ),
              },
            ]}
          />
          <Typography.Paragraph style={{ marginTop: 12, marginBottom: 0 }} type="secondary">
            {preset.preamble}
          </Typography.Paragraph>
          <Space size={8} wrap style={{ marginTop: 12 }}>
            <Typography.Text type="secondary">{t('policy.legend')}</Typography.Text>
            <Tag color="green">{t('policy.sourceSeed')}</Tag>
            <Tag color="blue">{t('policy.sourceExternal')}</Tag>
            <Tag color="orange">{t('policy.sourceAssumption')}</Tag>
          </Space>
        </Card>

        <Card title={t('policy.overrides')} data-testid="policy-overrides">
          {overrides.length === 0 ? (
            <Typography.Text type="secondary">{t('policy.noOverrides')}</Typography.Text>
          ) : (
            <Table<OverrideView & { index: number }>
              size="small"
              pagination={false}
              rowKey={(o) => String(o.index)}
              dataSource={overrides.map((o, index) => ({ ...o, index })).reverse()}
              columns={[
                { title: t('policy.colMeasure'), key: 'measure', render: (_: unknown, o) => (o.measure ? (measureOf(o.measure)?.menuTitle ?? o.measure) : '—') },
                { title: t('policy.colParam'), key: 'param', render: (_: unknown, o) => labelOf(o) },
                { title: t('policy.colValue'), key: 'value', render: (_: unknown, o) => valueOf(o) },
                { title: t('policy.colEffective'), dataIndex: 'effectiveFrom', render: (v: string) => formatDate(v, locale) },
                { title: t('policy.colReason'), dataIndex: 'reason' },
                {
                  title: t('policy.colStatus'),
                  key: 'status',
                  render: (_: unknown, o) => {
                    const s = STATUS[statuses[o.index] ?? 'superseded'];
                    return <Tag color={s.color}>{t(s.key)}</Tag>;
                  },
                },
              ]}
              scroll={{ x: 'max-content' }}
            />
          )}
        </Card>

        <Collapse
          defaultActiveKey={preset.measures.map((m) => m.kind)}
          items={preset.measures.map((m) => {
            const counts = countSources(m);
            return {
              key: m.kind,
              label: (
                <Typography.Text strong data-testid={`policy-measure-title-${m.kind}`}>
                  {m.ordinal}、{m.title}
                </Typography.Text>
              ),
              extra: (
                <Space size={4}>
                  {counts.external > 0 ? <Tag color="blue">{t('policy.externalCount', { n: counts.external })}</Tag> : null}
                  {counts.assumption > 0 ? <Tag color="orange">{t('policy.assumptionCount', { n: counts.assumption })}</Tag> : null}
                </Space>
              ),
              children: <MeasurePanel measure={m} overrides={overrides} today={today} canManage={canManage} onAdjust={setTarget} />,
            };
          })}
          data-testid="policy-measures"
        />
      </Space>
      <OverrideModal target={target} onClose={() => setTarget(null)} />
    </PageContainer>
  );
}
