import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Card, Col, Descriptions, Form, Input, Row, Tag } from 'antd';
import { useState } from 'react';
import { PageContainer } from '../../../components/PageContainer';
import { PasswordFields } from '../../../components/PasswordFields';
import { showApiError } from '../../../lib/form-errors';
import { formatInstant } from '../../../lib/format';
import { useI18n } from '../../../lib/i18n-context';
import { acceptMe, ME_QUERY_KEY, useMe } from '../../../lib/use-me';
import { changePassword } from '../api/account.api';

interface PasswordForm {
  currentPassword: string;
  newPassword: string;
  newPasswordConfirm: string;
}

export function AccountPage() {
  const { t, tx, locale } = useI18n();
  const { message } = App.useApp();
  const queryClient = useQueryClient();
  const me = useMe().data;
  const [form] = Form.useForm<PasswordForm>();
  const [saving, setSaving] = useState(false);

  const onFinish = async (v: PasswordForm) => {
    setSaving(true);
    try {
      // Every session of the user ends, this one too; the answer carries the fresh one (like GET /api/me).
      const me = acceptMe(await changePassword({ currentPassword: v.currentPassword, newPassword: v.newPassword }));
      void message.success(t('account.passwordChanged'));
      form.resetFields();
      if (me.username) queryClient.setQueryData(ME_QUERY_KEY, me);
      else await queryClient.invalidateQueries({ queryKey: ME_QUERY_KEY });
    } catch (e) {
      showApiError(e, message, form);
    } finally {
      setSaving(false);
    }
  };

  return (
    <PageContainer title={t('account.title')} testId="account-page">
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('account.profile')}>
            {me ? (
              <Descriptions
                column={1}
                size="small"
                data-testid="account-profile"
                items={[
                  { key: 'username', label: t('account.username'), children: me.username },
                  { key: 'displayName', label: t('account.displayName'), children: me.displayName },
                  { key: 'organisation', label: t('account.organisation'), children: me.organisationName || '—' },
                  { key: 'roles', label: t('account.roles'), children: me.roles.length ? me.roles.map((r) => <Tag key={r}>{tx(`role.${r}`, r)}</Tag>) : '—' },
                  { key: 'absolute', label: t('account.absoluteExpiresAt'), children: formatInstant(me.session.absoluteExpiresAt, locale) },
                ]}
              />
            ) : null}
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('account.changePassword')}>
            <Form<PasswordForm> form={form} layout="vertical" onFinish={(v) => void onFinish(v)} data-testid="account-password-form">
              <Form.Item name="currentPassword" label={t('account.currentPassword')} rules={[{ required: true, message: t('account.currentPasswordRequired') }]}>
                <Input.Password autoComplete="current-password" data-testid="account-current-password" />
              </Form.Item>
              <PasswordFields name="newPassword" label={t('account.newPassword')} testIdPrefix="account-new" username={me?.username} />
              <Button type="primary" htmlType="submit" loading={saving} data-testid="account-password-submit">
                {t('account.submit')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
    </PageContainer>
  );
}
