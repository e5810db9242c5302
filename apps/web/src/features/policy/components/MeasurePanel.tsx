import type { PresetParameter } from '@relief/domain';
import { Button, Space, Table, Tag, Typography, type TableColumnsType } from 'antd';
import { formatDate } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { adjustmentsOf, type OverrideView } from '../api/overrides';
import { formatParameterValue, type ValueWords } from '../api/parameter-format';
import { specOf } from '../api/parameter-spec';
import type { PolicyMeasure } from '../api/policy.api';
import type { OverrideTarget } from './OverrideModal';
import { SourceTag } from './SourceTag';

export interface MeasurePanelProps {
  measure: PolicyMeasure;
  overrides: OverrideView[];
  today: string;
  canManage: boolean;
  onAdjust: (target: OverrideTarget) => void;
}

/** One clause: its text, its contacts, and its parameters with values, adjustments and sources. */
export function MeasurePanel({ measure, overrides, today, canManage, onAdjust }: MeasurePanelProps) {
  const { t, locale } = useI18n();
  const words: ValueWords = { yes: t('common.yes'), no: t('common.no'), none: t('common.none'), notSet: t('policy.notSet') };
  const parameters = Object.values(measure.parameters as unknown as Record<string, PresetParameter>);

  const columns: TableColumnsType<PresetParameter> = [
    {
      title: t('policy.param'),
      dataIndex: 'label',
      width: '28%',
      render: (label: string) => <Typography.Text>{label}</Typography.Text>,
    },
    {
      title: t('policy.value'),
      key: 'value',
      render: (_: unknown, p) => {
        const spec = specOf(measure.kind, p.key);
        const { current, upcoming } = adjustmentsOf(overrides, measure.kind, p.key, today);
        const value = current ? current.value : p.value;
        return (
          <Space orientation="vertical" size={2}>
            <Space size={6} wrap>
              <Typography.Text strong data-testid="policy-param-value">
                {formatParameterValue({ ...p, value }, spec?.options, words, locale)}
              </Typography.Text>
              {current ? <Tag color="purple">{t('policy.overridden', { date: formatDate(current.effectiveFrom, locale) })}</Tag> : null}
            </Space>
            {current ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {t('policy.presetValue', { value: formatParameterValue(p, spec?.options, words, locale) })}
              </Typography.Text>
            ) : null}
            {upcoming.map((o) => (
              <Typography.Text key={`${o.effectiveFrom}-${o.reason}`} type="warning" style={{ fontSize: 12 }}>
                {t('policy.pendingChange', { date: formatDate(o.effectiveFrom, locale), value: formatParameterValue({ ...p, value: o.value }, spec?.options, words, locale) })}
              </Typography.Text>
            ))}
          </Space>
        );
      },
    },
    { title: t('policy.source'), key: 'source', width: 150, render: (_: unknown, p) => <SourceTag source={p.source} /> },
  ];
  if (canManage) {
    columns.push({
      title: t('common.actions'),
      key: 'actions',
      width: 110,
      render: (_: unknown, p) => {
        const { current } = adjustmentsOf(overrides, measure.kind, p.key, today);
        const spec = specOf(measure.kind, p.key);
        const currentValue = current ? current.value : p.value;
        return (
          <Button
            size="small"
            onClick={() =>
              onAdjust({
                kind: 'parameter',
                measure: measure.kind,
                measureTitle: `${measure.ordinal}、${measure.title}`,
                parameter: p,
                spec,
                currentValue,
                currentText: formatParameterValue({ ...p, value: currentValue }, spec?.options, words, locale),
              })
            }
            data-testid={`policy-adjust-${measure.kind}-${p.key}`}
          >
            {t('policy.adjust')}
          </Button>
        );
      },
    });
  }

  return (
    <div data-testid={`policy-measure-${measure.kind}`}>
      <Typography.Title level={5} style={{ marginTop: 0 }}>
        {t('measure.clause')}
      </Typography.Title>
      <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }} data-testid={`policy-clause-${measure.kind}`}>
        {measure.text}
      </Typography.Paragraph>

      {measure.contacts.length > 0 ? (
        <>
          <Typography.Title level={5}>{t('measure.contacts')}</Typography.Title>
          <Table
            size="small"
            pagination={false}
            rowKey={(c) => `${c.name}-${c.phone}`}
            dataSource={measure.contacts}
            columns={[
              { title: t('contact.name'), dataIndex: 'name', width: '28%' },
              { title: t('contact.organisation'), dataIndex: 'organisation', render: (v: string | null) => v ?? '—' },
              { title: t('contact.phone'), dataIndex: 'phone', render: (phone: string) => <a href={`tel:${phone}`}>{phone}</a> },
            ]}
            style={{ marginBottom: 16 }}
            data-testid={`policy-contacts-${measure.kind}`}
          />
        </>
      ) : null}

      <Typography.Title level={5}>{t('policy.parameters')}</Typography.Title>
      <Table<PresetParameter>
        size="small"
        pagination={false}
        rowKey="key"
        dataSource={parameters}
        columns={columns}
        onRow={(p) => {
          const props: Record<string, unknown> = { 'data-testid': `policy-param-${measure.kind}-${p.key}`, 'data-source-kind': p.source.kind };
          return props;
        }}
        expandable={{
          expandedRowRender: (p) => (
            <Space orientation="vertical" size={4} style={{ maxWidth: 900 }}>
              <Typography.Text>
                <Typography.Text type="secondary">{t('policy.sourceDetail')}：</Typography.Text>
                {p.source.citation}
              </Typography.Text>
              {p.note ? (
                <Typography.Text>
                  <Typography.Text type="secondary">{t('policy.note')}：</Typography.Text>
                  {p.note}
                </Typography.Text>
              ) : null}
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {p.key} · {p.type}
              </Typography.Text>
            </Space>
          ),
        }}
        data-testid={`policy-params-${measure.kind}`}
      />
    </div>
  );
}
