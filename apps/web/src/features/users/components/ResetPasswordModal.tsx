import { App, Form, Modal } from 'antd';
import { useState } from 'react';
import { PasswordFields } from '../../../components/PasswordFields';
import { showApiError } from '../../../lib/form-errors';
import { useI18n } from '../../../lib/i18n-context';
import { buttonTestId } from '../../../lib/test-id';
import { resetUserPassword, type UserRow } from '../api/users.api';

/** Sets a new password for a user: POST /api/users/:id/reset-password { password }. */
export function ResetPasswordModal({ user, open, onClose }: { user: UserRow; open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ password: string; passwordConfirm: string }>();
  const [saving, setSaving] = useState(false);

  const onOk = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      await resetUserPassword(user.id, v.password);
      void message.success(t('users.passwordReset'));
      onClose();
    } catch (e) {
      showApiError(e, message, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('users.resetPasswordTitle', { name: user.displayName })}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={buttonTestId('user-reset-password-ok')}
    >
      <Form form={form} layout="vertical" preserve={false}>
        <PasswordFields label={t('users.newPassword')} testIdPrefix="user-reset" username={user.username} />
      </Form>
    </Modal>
  );
}
