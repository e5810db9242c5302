import { App, DatePicker, Form, Input, Modal } from 'antd';
import type { Dayjs } from 'dayjs';
import { wanToFen } from '../../../lib/format';
import { showApiError } from '../../../lib/form-errors';
import { guaranteeApi, type GuaranteeCompensationView, useGuaranteeMutation } from '../api/guarantee.api';
import { T } from '../texts';

/** Records the recovery (追偿) of a compensation. */
export function RecoveryModal({ comp, onClose }: { comp: GuaranteeCompensationView; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ recoveredOn: Dayjs; amount: string }>();
  const mutation = useGuaranteeMutation(guaranteeApi.recover);
  const submit = async (v: { recoveredOn: Dayjs; amount: string }) => {
    const fen = wanToFen(v.amount);
    if (fen === null || fen < 0) return form.setFields([{ name: 'amount', errors: ['请填写追偿金额（万元）'] }]);
    try {
      await mutation.mutateAsync({ id: comp.id, recoveredOn: v.recoveredOn.format('YYYY-MM-DD'), recoveredFen: fen, version: comp.version });
      void message.success(T.comp.saved);
      onClose();
    } catch (e) {
      showApiError(e, message, form, { recoveredFen: 'amount' });
    }
  };
  return (
    <Modal open title={`${T.comp.recover}：${comp.enterpriseName}`} okText={T.common.submit} cancelText={T.common.cancel} confirmLoading={mutation.isPending} onOk={() => form.submit()} onCancel={onClose}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}>
        <Form.Item name="recoveredOn" label={T.comp.recoveredOn} rules={[{ required: true, message: '请选择追偿日期' }]}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="amount" label={T.comp.recoveredAmount} rules={[{ required: true, message: '请填写追偿金额' }]}><Input suffix="万元" inputMode="decimal" /></Form.Item>
      </Form>
    </Modal>
  );
}
