import { Alert, App, Form, Input, Modal, Typography } from 'antd';
import { useState } from 'react';
import { isApiError } from '../../../lib/api';
import { showApiError } from '../../../lib/form-errors';
import { useI18n } from '../../../lib/i18n-context';
import { buttonTestId } from '../../../lib/test-id';
import { removeListEntry, type ListEntryView } from '../api/lists.api';

export interface RemoveEntryModalProps {
  entry: ListEntryView;
  open: boolean;
  onClose: () => void;
  /** Called after the removal, and after a refusal that means the list changed (409). */
  onChanged: () => void;
}

/** Takes an enterprise off a list with a required reason (POST …/remove); the entry stays, marked removed. */
export function RemoveEntryModal({ entry, open, onClose, onChanged }: RemoveEntryModalProps) {
  const { t } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const [saving, setSaving] = useState(false);
  const [refusal, setRefusal] = useState<string | null>(null);

  const onOk = async () => {
    const { reason } = await form.validateFields();
    setSaving(true);
    setRefusal(null);
    try {
      await removeListEntry(entry.listId, entry.id, reason.trim());
      void message.success(t('listEntries.removed', { name: entry.name }));
      onChanged();
      onClose();
    } catch (e) {
      if (isApiError(e) && (e.status === 403 || e.status === 409)) {
        // The server says why (only province bodies maintain lists; already removed by someone).
        setRefusal(e.message);
        if (e.status === 409) onChanged();
      } else {
        showApiError(e, message, form);
      }
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('listEntries.removeTitle', { name: entry.name })}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      okText={t('listEntries.remove')}
      okButtonProps={{ ...buttonTestId('list-entry-remove-ok'), danger: true }}
      confirmLoading={saving}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('listEntries.removeHint')}</Typography.Paragraph>
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item name="reason" label={t('listEntries.removeReason')} rules={[{ required: true, whitespace: true, message: t('listEntries.removeReasonRequired') }]}>
          <Input.TextArea rows={3} maxLength={500} showCount data-testid="list-entry-remove-reason" />
        </Form.Item>
      </Form>
      {refusal ? <Alert type="error" showIcon title={refusal} data-testid="list-entry-remove-error" /> : null}
    </Modal>
  );
}
