import { useQueryClient } from '@tanstack/react-query';
import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { showApiError } from '../../../lib/form-errors';
import { useI18n } from '../../../lib/i18n-context';
import { childKindsOf, type OrganisationNode } from '../../../lib/organisations';
import { buttonTestId } from '../../../lib/test-id';
import { ORGANISATION_TREE_KEY } from '../../../lib/use-organisation-tree';
import { createOrganisation } from '../api/organisations.api';

interface FormValues {
  kind: string;
  name: string;
  code?: string;
}

/** POST /api/organisations { parentId, kind, name, code? }. */
/** Adds a child under `parent`; only the kinds the domain allows under the parent's kind are offered. */
export function AddOrganisationModal({ parent, open, onClose }: { parent: OrganisationNode; open: boolean; onClose: () => void }) {
  const { t, tx } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);

  const onOk = async () => {
    const values = await form.validateFields();
    setSaving(true);
    try {
      const code = values.code?.trim();
      await createOrganisation({ parentId: Number(parent.id), kind: values.kind, name: values.name.trim(), ...(code ? { code } : {}) });
      void message.success(t('org.created', { name: values.name.trim() }));
      await queryClient.invalidateQueries({ queryKey: ORGANISATION_TREE_KEY });
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
      title={t('org.addChildTitle', { parent: parent.name })}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={buttonTestId('org-create-ok')}
    >
      <Form<FormValues> form={form} layout="vertical" preserve={false}>
        <Form.Item name="kind" label={t('org.kind')} rules={[{ required: true, message: t('org.kindRequired') }]}>
          <Select showSearch={{ optionFilterProp: 'label' }} options={childKindsOf(parent.kind).map((k) => ({ value: k, label: tx(`orgKind.${k}`, k) }))} data-testid="org-create-kind" />
        </Form.Item>
        <Form.Item name="name" label={t('org.name')} rules={[{ required: true, whitespace: true, message: t('org.nameRequired') }]}>
          <Input maxLength={100} data-testid="org-create-name" />
        </Form.Item>
        <Form.Item name="code" label={t('org.code')} extra={t('org.codeHint')}>
          <Input maxLength={32} data-testid="org-create-code" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
