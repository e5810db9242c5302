import { checkPasswordPolicy } from '@relief/domain';
import { Form, Input } from 'antd';
import { useI18n } from '../lib/i18n-context';

export interface PasswordFieldsProps {
  /** Form field of the new password; the confirmation is `${name}Confirm`. */
  name?: string;
  label: string;
  testIdPrefix: string;
  /** Form field holding the username, which the password may not contain. */
  usernameField?: string;
  /** The username when it is not a field of the form (resetting another user's password). */
  username?: string;
}

/**
 * A new password and its confirmation, checked while typing with the domain's policy (at least
 * 10 characters, 3 of 4 classes, not containing the username), the rule shown as help.
 */
export function PasswordFields({ name = 'password', label, testIdPrefix, usernameField, username }: PasswordFieldsProps) {
  const { t, locale } = useI18n();
  return (
    <>
      <Form.Item
        name={name}
        label={label}
        extra={t('password.rule')}
        hasFeedback
        dependencies={usernameField ? [usernameField] : []}
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (!value) return;
              const user = usernameField ? (getFieldValue(usernameField) as string | undefined) : username;
              const problems = checkPasswordPolicy(value, user?.trim());
              // The domain words its problems in Chinese; other locales get the rule itself.
              if (problems.length) throw new Error(locale === 'zh-CN' ? problems.join('；') : t('password.rule'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={`${testIdPrefix}-password`} />
      </Form.Item>
      <Form.Item
        name={`${name}Confirm`}
        label={t('password.confirm')}
        dependencies={[name]}
        hasFeedback
        rules={[
          { required: true, message: t('common.required') },
          ({ getFieldValue }) => ({
            validator: async (_, value: string | undefined) => {
              if (value && value !== getFieldValue(name)) throw new Error(t('password.mismatch'));
            },
          }),
        ]}
      >
        <Input.Password autoComplete="new-password" data-testid={`${testIdPrefix}-password-confirm`} />
      </Form.Item>
    </>
  );
}
