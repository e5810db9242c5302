import { App, Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { OrganisationTreeSelect } from '../../../components/OrganisationTreeSelect';
import { PasswordFields } from '../../../components/PasswordFields';
import { isApiError } from '../../../lib/api';
import { showApiError } from '../../../lib/form-errors';
import { useI18n } from '../../../lib/i18n-context';
import { buttonTestId } from '../../../lib/test-id';
import { createUser, ROLES, updateUser, type Role, type UserRow } from '../api/users.api';

interface FormValues {
  username: string;
  displayName: string;
  organisationId: string;
  roles: Role[];
  phone?: string;
  password: string;
  passwordConfirm: string;
}

export interface UserFormModalProps {
  /** The user to edit; undefined to create one. */
  user?: UserRow;
  open: boolean;
  onClose: () => void;
  /** Called after a save, and after a 409 so the list shows the current data. */
  onChanged: () => void;
}

/** Creates a user (POST /api/users) or edits display name and roles (PATCH /api/users/:id with version). */
export function UserFormModal({ user, open, onClose, onChanged }: UserFormModalProps) {
  const { t, tx } = useI18n();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const editing = user !== undefined;

  const onOk = async () => {
    const v = await form.validateFields();
    setSaving(true);
    try {
      if (user) {
        await updateUser(user.id, { displayName: v.displayName.trim(), roles: v.roles, phone: v.phone?.trim() || null, version: user.version });
        void message.success(t('users.updated'));
      } else {
        const phone = v.phone?.trim();
        await createUser({
          username: v.username.trim(),
          displayName: v.displayName.trim(),
          organisationId: Number(v.organisationId),
          roles: v.roles,
          password: v.password,
          ...(phone ? { phone } : {}),
        });
        void message.success(t('users.created', { name: v.displayName.trim() }));
      }
      onChanged();
      onClose();
    } catch (e) {
      if (isApiError(e) && e.status === 409) {
        // Someone changed the user meanwhile: say so, reload, and let the admin start again.
        void message.error(e.message);
        onChanged();
        onClose();
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
      title={editing ? `${t('users.edit')} · ${user.username}` : t('users.create')}
      onOk={() => void onOk().catch(() => undefined)}
      onCancel={onClose}
      confirmLoading={saving}
      destroyOnHidden
      okButtonProps={buttonTestId('user-form-ok')}
    >
      <Form<FormValues> form={form} layout="vertical" preserve={false} initialValues={user ? { displayName: user.displayName, roles: user.roles, phone: user.phone ?? undefined } : { roles: [] }}>
        {editing ? null : (
          <Form.Item
            name="username"
            label={t('users.username')}
            rules={[
              { required: true, whitespace: true, message: t('users.usernameRequired') },
              // As the domain's usernameSchema, checked here to answer while typing.
              { pattern: /^[A-Za-z0-9_.@-]{3,64}$/, message: t('register.usernameRule') },
            ]}
          >
            <Input autoComplete="off" maxLength={64} data-testid="user-form-username" />
          </Form.Item>
        )}
        <Form.Item name="displayName" label={t('users.displayName')} rules={[{ required: true, whitespace: true, message: t('users.displayNameRequired') }]}>
          <Input maxLength={50} data-testid="user-form-display-name" />
        </Form.Item>
        {editing ? null : (
          <Form.Item name="organisationId" label={t('users.organisation')} rules={[{ required: true, message: t('users.organisationRequired') }]}>
            <OrganisationTreeSelect allowClear={false} testId="user-form-organisation" />
          </Form.Item>
        )}
        <Form.Item name="roles" label={t('users.role')} rules={[{ required: true, type: 'array', min: 1, message: t('users.rolesRequired') }]}>
          <Select mode="multiple" options={ROLES.map((r) => ({ value: r, label: tx(`role.${r}`, r) }))} data-testid="user-form-roles" />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')} rules={[{ pattern: /^[0-9+\- ]{5,20}$/, message: t('register.phoneInvalid') }]}>
          <Input maxLength={20} data-testid="user-form-phone" />
        </Form.Item>
        {editing ? null : <PasswordFields label={t('users.initialPassword')} testIdPrefix="user-form" usernameField="username" />}
      </Form>
    </Modal>
  );
}
