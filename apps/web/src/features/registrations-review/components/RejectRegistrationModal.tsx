import { App, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { showApiError } from '../../../lib/form-errors';
import { useI18n } from '../../../lib/i18n-context';
import { buttonTestId } from '../../../lib/test-id';
import { rejectRegistration, type RegistrationRow } from '../api/registrations.api';

/** Rejects a registration with a reason the enterprise will read: POST /api/registrations/:id/reject { reason }. */
export function RejectRegistrationModal({ registration, open, onClose, onDone }: { registration: RegistrationRow; open: boolean; onClose: () => void; onDone: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);

  const onOk = async () => {
    const { reason } = await form.validateFields();
    setSaving(true);
    try {
      await rejectRegistration(registration.id, reason.trim());
      void message.success(t('reg.rejected', { name: registration.name }));
      onDone();
      onClose();
    } catch (e) {
      showApiError(e, message, form);
      onDone();
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('reg.rejectTitle', { name: registration.name })}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      okText={t('reg.reject')}
      okButtonProps={{ ...buttonTestId('registration-reject-ok'), danger: true }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('reg.rejectReason')} rules={[{ required: true, whitespace: true, message: t('reg.rejectReasonRequired') }]}>
          <Input.TextArea rows={4} maxLength={500} showCount data-testid="registration-reject-reason" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
