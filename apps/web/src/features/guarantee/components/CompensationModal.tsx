import { Alert, App, DatePicker, Descriptions, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { formatYuan, wanToFen } from '../../../lib/format';
import { showApiError } from '../../../lib/form-errors';
import { guaranteeApi, type GuaranteeFilingView, useGuaranteeMutation } from '../api/guarantee.api';
import { T } from '../texts';

/** Records a compensation (代偿) for one filed guarantee, with its recovery (追偿) deadline. */
export function CompensationModal({ filing, onClose }: { filing: GuaranteeFilingView; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ paidOn: Dayjs; amount: string; recoveryDueOn?: Dayjs | null; note?: string }>();
  const mutation = useGuaranteeMutation(guaranteeApi.compensate);
  const submit = async (v: { paidOn: Dayjs; amount: string; recoveryDueOn?: Dayjs | null; note?: string }) => {
    const amountFen = wanToFen(v.amount);
    if (amountFen === null || amountFen <= 0) return form.setFields([{ name: 'amount', errors: ['请填写代偿金额（万元）'] }]);
    try {
      await mutation.mutateAsync({ filingId: filing.id, paidOn: v.paidOn.format('YYYY-MM-DD'), amountFen, ...(v.recoveryDueOn ? { recoveryDueOn: v.recoveryDueOn.format('YYYY-MM-DD') } : {}), ...(v.note ? { note: v.note } : {}) });
      void message.success(T.comp.saved);
      onClose();
    } catch (e) {
      showApiError(e, message, form, { amountFen: 'amount' });
    }
  };
  return (
    <Modal open title={`${T.filing.compensate}：${filing.enterpriseName}`} okText={T.common.submit} cancelText={T.common.cancel} confirmLoading={mutation.isPending}
      onOk={() => form.submit()} onCancel={onClose} data-testid="gu-compensation-modal">
      <Descriptions size="small" column={2} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={T.filing.contractNo}>{filing.contractNo}</Descriptions.Item>
        <Descriptions.Item label={T.filing.amountCol}>{formatYuan(filing.amountFen)}</Descriptions.Item>
      </Descriptions>
      <Alert type="info" showIcon title="对于确无还款能力的小微企业，应及时履行代偿义务（鲁工信发〔2020〕1号 第四条）。" style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="paidOn" label={T.comp.paidOn} rules={[{ required: true, message: '请选择代偿日期' }]}><DatePicker style={{ width: '100%' }} data-testid="gu-comp-paid-on" /></Form.Item>
        <Form.Item name="amount" label={T.comp.amount} rules={[{ required: true, message: '请填写代偿金额' }]}><Input suffix="万元" inputMode="decimal" data-testid="gu-comp-amount" /></Form.Item>
        <Form.Item name="recoveryDueOn" label={T.comp.dueOn} extra={T.comp.dueHint}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="note" label={T.comp.note}><Input.TextArea maxLength={500} rows={2} /></Form.Item>
      </Form>
    </Modal>
  );
}
