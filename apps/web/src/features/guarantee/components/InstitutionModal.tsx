import { App, DatePicker, Form, Input, Modal, Switch } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { showApiError } from '../../../lib/form-errors';
import { guaranteeApi, type GuaranteeInstitutionView, useGuaranteeMutation } from '../api/guarantee.api';
import { T } from '../texts';

interface Values {
  isGovernment: boolean;
  rewardFunded: boolean;
  rewardFrom?: Dayjs | null;
  rewardTo?: Dayjs | null;
  source: string;
}

/** DEPT records an institution in the register or changes it (reward funding and its dates). */
export function InstitutionModal({ inst, onClose }: { inst: GuaranteeInstitutionView; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const mutation = useGuaranteeMutation(guaranteeApi.updateInstitution);
  const submit = async (v: Values) => {
    try {
      await mutation.mutateAsync({
        id: inst.organisationId, isGovernment: v.isGovernment, rewardFunded: v.rewardFunded, rewardFrom: v.rewardFrom?.format('YYYY-MM-DD') ?? null,
        rewardTo: v.rewardTo?.format('YYYY-MM-DD') ?? null, source: v.source, version: inst.version,
      });
      void message.success('名录已更新');
      onClose();
    } catch (e) {
      showApiError(e, message, form);
    }
  };
  return (
    <Modal open title={`${T.inst.edit}：${inst.name}`} okText={T.common.submit} cancelText={T.common.cancel} confirmLoading={mutation.isPending} onOk={() => form.submit()} onCancel={onClose}>
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)} initialValues={{
        isGovernment: inst.registered ? inst.isGovernment : true, rewardFunded: inst.rewardFunded, source: inst.source ?? '',
        rewardFrom: inst.rewardFrom ? dayjs(inst.rewardFrom) : null, rewardTo: inst.rewardTo ? dayjs(inst.rewardTo) : null,
      }}>
        <Form.Item name="isGovernment" label={T.inst.government} valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="rewardFunded" label={T.inst.reward} valuePropName="checked"><Switch /></Form.Item>
        <Form.Item name="rewardFrom" label={T.inst.rewardFrom}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="rewardTo" label={T.inst.rewardTo}><DatePicker style={{ width: '100%' }} /></Form.Item>
        <Form.Item name="source" label={T.inst.source} rules={[{ required: true, message: '请填写依据（名单或文件）' }]}><Input maxLength={200} /></Form.Item>
      </Form>
    </Modal>
  );
}
