import type { BridgeLoanDetail } from '@relief/domain';
import { App, Button, DatePicker, Form, Input, Modal, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { isApiError } from '../../../lib/api';
import { showApiError } from '../../../lib/form-errors';
import { buttonTestId } from '../../../lib/test-id';
import { fenToYuanInput, formatYuan, percentToPpm, ppmToPercent, shanghaiToday, yuanToFen } from '../../../lib/format';
import { actOnBridgeLoan } from '../api/bridge-loan.api';
import { T } from '../texts';

type Action = BridgeLoanDetail['actions'][number];

interface Values {
  comment?: string;
  feeRate?: string;
  feeYuan?: string;
  amountYuan?: string;
  date?: Dayjs;
  expectedOn?: Dayjs;
}

/** Kinds of action that set a case back or end it without success, in the order they are offered after the others. */
const SETBACK_ORDER: Record<string, number> = { return: 1, withdraw: 2, reject: 3 };

const money = { validator: (_: unknown, v: string | undefined) => (!v || yuanToFen(String(v)) !== null ? Promise.resolve() : Promise.reject(new Error('金额应为元，最多两位小数'))) };

/** The measure's actions the viewer may take now, each in a dialog asking for what the step records (fee, confirmation, disbursement, repayment, reason). */
export function ActionPanel({ detail, onChanged, onStale }: { detail: BridgeLoanDetail; onChanged: (d: BridgeLoanDetail) => void; onStale: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [pending, setPending] = useState<Action | null>(null);
  const [saving, setSaving] = useState(false);
  const l = detail.loan;
  if (!detail.actions.length) return <Typography.Text type="secondary" data-testid="bl-no-actions">{T.noActions}</Typography.Text>;

  const open = (a: Action) => {
    form.resetFields();
    const today = dayjs(shanghaiToday());
    if (a.key === 'accept') form.setFieldsValue({ feeRate: ppmToPercent(detail.fee?.capPpm ?? 800).replace('%', '') });
    if (a.key === 'confirm-renewal') form.setFieldsValue({ amountYuan: fenToYuanInput(l.bridgeAmountFen), expectedOn: l.loanMaturityOn ? dayjs(l.loanMaturityOn) : today });
    if (a.key === 'disburse') form.setFieldsValue({ amountYuan: fenToYuanInput(l.bridgeAmountFen), date: today });
    if (a.key === 'repay') form.setFieldsValue({ amountYuan: fenToYuanInput(l.disbursedFen), date: today });
    setPending(a);
  };

  const bodyOf = (a: Action, v: Values): Record<string, unknown> => {
    const base: Record<string, unknown> = { version: detail.case.version, ...(v.comment?.trim() ? { comment: v.comment.trim() } : {}) };
    const amount = v.amountYuan ? yuanToFen(v.amountYuan) : null;
    switch (a.key) {
      case 'accept': return { ...base, feeRatePpm: percentToPpm(v.feeRate ?? ''), ...(v.feeYuan ? { feeFen: yuanToFen(v.feeYuan) } : {}) };
      case 'confirm-renewal': return { ...base, renewalAmountFen: amount, renewalExpectedOn: v.expectedOn?.format('YYYY-MM-DD') };
      case 'disburse': return { ...base, disbursedFen: amount, disbursedOn: v.date?.format('YYYY-MM-DD') };
      case 'repay': return { ...base, repaidFen: amount, repaidOn: v.date?.format('YYYY-MM-DD') };
      default: return base;
    }
  };

  const onOk = async () => {
    if (!pending) return;
    const v = await form.validateFields();
    setSaving(true);
    try {
      const next = await actOnBridgeLoan(l.caseId, pending.key, bodyOf(pending, v));
      void message.success(`已${pending.label}`);
      setPending(null);
      onChanged(next);
    } catch (e) {
      if (isApiError(e) && e.status === 409) {
        void message.error(e.message);
        setPending(null);
        onStale();
      } else {
        showApiError(e, message, form, { feeRatePpm: 'feeRate', feeFen: 'feeYuan', renewalAmountFen: 'amountYuan', disbursedFen: 'amountYuan', repaidFen: 'amountYuan', disbursedOn: 'date', repaidOn: 'date', renewalExpectedOn: 'expectedOn' });
      }
    } finally {
      setSaving(false);
    }
  };

  // The step that moves the case on comes first and is the primary button; sending it back, withdrawing
  // and refusing follow, the refusal last (the workflow lists actions in no such order: 待放款 has 不予受理 before 放款).
  const ordered = [...detail.actions].sort((a, b) => (SETBACK_ORDER[a.kind] ?? 0) - (SETBACK_ORDER[b.kind] ?? 0));
  const key = pending?.key;
  return (
    <>
      <Space wrap>
        {ordered.map((a, i) => (
          <Button key={a.key} danger={a.kind === 'reject'} type={i === 0 && !SETBACK_ORDER[a.kind] ? 'primary' : 'default'}
            onClick={() => open(a)} data-testid={`bl-action-${a.key}`}>
            {a.label}
          </Button>
        ))}
      </Space>
      <Modal open={pending !== null} title={pending?.label} onOk={() => void onOk()} onCancel={() => setPending(null)} confirmLoading={saving} okText="确定" cancelText="取消" destroyOnHidden
        okButtonProps={buttonTestId('bl-action-ok')}>
        <Form<Values> form={form} layout="vertical">
          {key === 'accept' ? (
            <>
              {detail.fee?.inEpidemicPeriod && detail.fee.maxFeeFen !== null ? (
                <Typography.Paragraph type="secondary" data-testid="bl-fee-hint">{T.feeCapHint(ppmToPercent(detail.fee.capPpm), formatYuan(detail.fee.maxFeeFen))}</Typography.Paragraph>
              ) : null}
              <Form.Item name="feeRate" label={`${T.field.feeRate}（%，${detail.fee?.feeBasis === 'per_day' ? '按日' : '按笔'}）`} rules={[{ required: true, message: '请填写费率' }, { validator: (_, v) => (percentToPpm(String(v ?? '')) !== null ? Promise.resolve() : Promise.reject(new Error('费率应为百分数，如 0.08'))) }]}>
                <Input suffix="%" data-testid="bl-fee-rate" />
              </Form.Item>
              <Form.Item name="feeYuan" label={`${T.field.fee}（不填则按费率计算）`} rules={[money]}>
                <Input data-testid="bl-fee-amount" />
              </Form.Item>
            </>
          ) : null}
          {key === 'confirm-renewal' ? (
            <>
              <Form.Item name="amountYuan" label={T.field.renewalAmount} rules={[{ required: true, message: '请填写续贷金额' }, money]}><Input data-testid="bl-amount" /></Form.Item>
              <Form.Item name="expectedOn" label={T.field.renewalExpectedOn} rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
            </>
          ) : null}
          {key === 'disburse' || key === 'repay' ? (
            <>
              <Form.Item name="date" label={key === 'disburse' ? T.field.disbursedOn : T.field.repaidOn} rules={[{ required: true, message: '请选择日期' }]}><DatePicker /></Form.Item>
              <Form.Item name="amountYuan" label={key === 'disburse' ? T.field.disbursedAmount : T.field.repaidAmount} rules={[{ required: true, message: '请填写金额' }, money]}><Input data-testid="bl-amount" /></Form.Item>
            </>
          ) : null}
          <Form.Item name="comment" label={T.comment} rules={pending?.requiresComment ? [{ required: true, whitespace: true, message: '请填写理由' }] : []}>
            <Input.TextArea rows={3} maxLength={2000} data-testid="bl-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
