import { Alert, App, DatePicker, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useRef } from 'react';
import { formatDate } from '../../../lib/format';
import { showApiError } from '../../../lib/form-errors';
import { guaranteeApi, newIdempotencyKey, useGuaranteeMutation } from '../api/guarantee.api';
import { T } from '../texts';

export interface ExtensionTarget {
  compensationId: number;
  enterpriseName: string;
  currentDueOn: string;
  /** Set when resubmitting a returned request (its case id and version). */
  resubmit?: { caseId: number; version: number; requestedDueOn: string; reason: string };
}

/** Requests (or resubmits) a later recovery deadline for epidemic impact; DEPT decides. */
export function ExtensionModal({ target, onClose }: { target: ExtensionTarget; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ requestedDueOn: Dayjs; reason: string }>();
  const key = useRef(newIdempotencyKey());
  const ask = useGuaranteeMutation(guaranteeApi.requestExtension);
  const resubmit = useGuaranteeMutation(guaranteeApi.resubmitExtension);
  const submit = async (v: { requestedDueOn: Dayjs; reason: string }) => {
    const requestedDueOn = v.requestedDueOn.format('YYYY-MM-DD');
    try {
      if (target.resubmit) await resubmit.mutateAsync({ caseId: target.resubmit.caseId, version: target.resubmit.version, requestedDueOn, reason: v.reason });
      else await ask.mutateAsync({ compensationId: target.compensationId, idempotencyKey: key.current, requestedDueOn, reason: v.reason });
      void message.success(T.ext.sent);
      onClose();
    } catch (e) {
      showApiError(e, message, form);
    }
  };
  return (
    <Modal open title={`${target.resubmit ? T.ext.resubmit : T.comp.extend}：${target.enterpriseName}`} okText={T.common.submit} cancelText={T.common.cancel}
      confirmLoading={ask.isPending || resubmit.isPending} onOk={() => form.submit()} onCancel={onClose} data-testid="gu-extension-modal">
      <Alert type="info" showIcon title={T.ext.hint} description={`${T.ext.previousDueOn}：${formatDate(target.currentDueOn)}`} style={{ marginBottom: 12 }} />
      <Form form={form} layout="vertical" onFinish={(v) => void submit(v)}
        initialValues={target.resubmit ? { requestedDueOn: dayjs(target.resubmit.requestedDueOn), reason: target.resubmit.reason } : undefined}>
        <Form.Item name="requestedDueOn" label={T.ext.requestedDueOn} rules={[{ required: true, message: '请选择延长后的追偿时限' }]}><DatePicker style={{ width: '100%' }} data-testid="gu-ext-date" /></Form.Item>
        <Form.Item name="reason" label={T.ext.reason} rules={[{ required: true, message: '请说明疫情影响情况' }]}><Input.TextArea rows={3} maxLength={1000} data-testid="gu-ext-reason" /></Form.Item>
      </Form>
    </Modal>
  );
}
