import type { PresetParameter } from '@relief/domain';
import { App, Checkbox, DatePicker, Form, Input, InputNumber, Modal, Radio, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { isApiError, toFormFields } from '../../../lib/api';
import { formatDate, shanghaiToday } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { buttonTestId } from '../../../lib/test-id';
import { fromEditorValue, toEditorValue } from '../api/parameter-format';
import type { SpecInfo } from '../api/parameter-spec';
import { useAddOverride } from '../api/policy.api';

const ISO = 'YYYY-MM-DD';

/** What is being adjusted: one parameter of a measure, or the end of the epidemic period. */
export type OverrideTarget =
  | { kind: 'parameter'; measure: string; measureTitle: string; parameter: PresetParameter; spec: SpecInfo | undefined; currentText: string; currentValue: unknown }
  | { kind: 'epidemicEnd'; currentEnd: string | null };

interface Values {
  value?: unknown;
  unset?: boolean;
  effectiveFrom: Dayjs;
  reason: string;
}

/** Maps the server's field paths (value, value[0], effectiveFrom, reason) onto this form's fields. */
function fieldsFromError(details: unknown) {
  return toFormFields(details).map((f) => ({ name: [String(f.name[0])], errors: f.errors }));
}

/**
 * 调整参数 / 设定疫情防控期结束日: the new value in the parameter's own unit (percent for ppm, 元 for
 * fen), the date it takes effect (today or later: decided cases keep their values) and the reason.
 */
export function OverrideModal({ target, onClose }: { target: OverrideTarget | null; onClose: () => void }) {
  const { t, locale } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const addOverride = useAddOverride();
  const [saving, setSaving] = useState(false);
  const today = shanghaiToday();
  const unset = Form.useWatch('unset', form);

  const onOk = async () => {
    if (!target) return;
    const v = await form.validateFields();
    const effectiveFrom = v.effectiveFrom.format(ISO);
    const reason = v.reason.trim();
    let body;
    if (target.kind === 'epidemicEnd') {
      body = { target: 'epidemicPeriodEnd' as const, value: v.value ? (v.value as Dayjs).format(ISO) : null, effectiveFrom, reason };
    } else {
      const type = target.parameter.type;
      const raw = v.unset ? null : type === 'date' && v.value ? (v.value as Dayjs).format(ISO) : v.value;
      const parsed = fromEditorValue(type, raw);
      if (!parsed.ok) {
        form.setFields([{ name: ['value'], errors: [t(parsed.problem === 'percent' ? 'policy.percentInvalid' : parsed.problem === 'yuan' ? 'policy.yuanInvalid' : 'policy.valueRequired')] }]);
        return;
      }
      body = { measure: target.measure, key: target.parameter.key, value: parsed.value, effectiveFrom, reason };
    }
    setSaving(true);
    try {
      await addOverride(body);
      void message.success(t('policy.saved', { date: formatDate(effectiveFrom, locale) }));
      onClose();
    } catch (e) {
      if (isApiError(e)) {
        const fields = fieldsFromError(e.details).filter((f) => ['value', 'effectiveFrom', 'reason'].includes(f.name[0]!));
        if (fields.length > 0) form.setFields(fields);
      }
      void message.error(e instanceof Error ? e.message : String(e));
    } finally {
      setSaving(false);
    }
  };

  const editor = () => {
    if (!target) return null;
    if (target.kind === 'epidemicEnd') {
      return (
        <Form.Item name="value" label={t('policy.periodEnd')} extra={t('policy.periodEndHint')}>
          <DatePicker format={ISO} style={{ width: 200 }} data-testid="policy-override-value" />
        </Form.Item>
      );
    }
    const { parameter: p, spec } = target;
    const required = [{ required: !unset, message: t('policy.valueRequired') }];
    const common = { disabled: !!unset, 'data-testid': 'policy-override-value' };
    let input;
    switch (p.type) {
      case 'ppm':
        input = <Input suffix="%" style={{ width: 200 }} placeholder="0.08" {...common} />;
        break;
      case 'fen':
        input = <Input suffix={t('policy.yuan')} style={{ width: 240 }} placeholder="5000000.00" {...common} />;
        break;
      case 'workingDays':
      case 'days':
      case 'count':
      case 'year':
        input = <InputNumber min={0} precision={0} style={{ width: 200 }} suffix={p.unit || undefined} {...common} />;
        break;
      case 'date':
        input = <DatePicker format={ISO} style={{ width: 200 }} {...common} />;
        break;
      case 'boolean':
        input = (
          <Radio.Group disabled={!!unset} data-testid="policy-override-value">
            <Radio value={true}>{t('common.yes')}</Radio>
            <Radio value={false}>{t('common.no')}</Radio>
          </Radio.Group>
        );
        break;
      case 'enum':
      case 'enumList':
        input = (
          <Select
            mode={p.type === 'enumList' ? 'multiple' : undefined}
            options={Object.entries(spec?.options ?? {}).map(([value, label]) => ({ value, label }))}
            style={{ width: '100%' }}
            {...common}
          />
        );
        break;
      case 'textList':
        input = <Select mode="tags" open={false} style={{ width: '100%' }} tokenSeparators={[',', '，', '、']} {...common} />;
        break;
      default:
        input = <Input style={{ width: '100%' }} {...common} />;
    }
    return (
      <>
        <Form.Item name="value" label={t('policy.newValue')} rules={required}>
          {input}
        </Form.Item>
        {spec?.nullable ? (
          <Form.Item name="unset" valuePropName="checked">
            <Checkbox data-testid="policy-override-unset">{t('policy.setNull')}</Checkbox>
          </Form.Item>
        ) : null}
      </>
    );
  };

  const initialValue = !target ? undefined : target.kind === 'epidemicEnd' ? (target.currentEnd ? dayjs(target.currentEnd) : undefined) : target.parameter.type === 'date' && typeof target.currentValue === 'string' ? dayjs(target.currentValue) : toEditorValue(target.parameter.type, target.currentValue);

  return (
    <Modal
      open={target !== null}
      title={!target ? '' : target.kind === 'epidemicEnd' ? t('policy.setPeriodEnd') : t('policy.adjustTitle', { label: target.parameter.label })}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={buttonTestId('policy-override-ok')}
      width={560}
    >
      {target?.kind === 'parameter' ? (
        <Typography.Paragraph type="secondary">
          {target.measureTitle} · {t('policy.currentValue')}：{target.currentText}
        </Typography.Paragraph>
      ) : null}
      <Form<Values>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ value: initialValue, unset: false, effectiveFrom: dayjs(today) }}
        data-testid="policy-override-form"
      >
        {editor()}
        <Form.Item name="effectiveFrom" label={t('policy.effectiveFrom')} extra={t('policy.effectiveHint')} rules={[{ required: true, message: t('policy.effectiveFromRequired') }]}>
          <DatePicker format={ISO} allowClear={false} disabledDate={(d) => d.format(ISO) < today} style={{ width: 200 }} data-testid="policy-override-effective" />
        </Form.Item>
        <Form.Item name="reason" label={t('policy.reason')} rules={[{ required: true, whitespace: true, message: t('policy.reasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="policy-override-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
