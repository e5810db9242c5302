import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, Navigate, useNavigate, useSearchParams } from 'react-router';
import { PublicShell } from '../../../components/PublicShell';
import { isApiError, safeNextPath } from '../../../lib/api';
import { useI18n } from '../../../lib/i18n-context';
import { sessionStore } from '../../../lib/session';
import { acceptMe, fetchMe, ME_QUERY_KEY, useMe } from '../../../lib/use-me';
import { login, type LoginInput } from '../api/auth.api';

export function LoginPage() {
  const { t } = useI18n();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const next = safeNextPath(params.get('next'));
  const reason = params.get('reason');
  const [error, setError] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // Asks GET /api/me once: a user who is still logged in goes straight on.
  const me = useMe();

  if (me.data && !submitting) return <Navigate to={next} replace />;

  const onFinish = async (values: LoginInput) => {
    setSubmitting(true);
    setError(null);
    try {
      sessionStore.clear();
      const me = acceptMe(await login({ username: values.username.trim(), password: values.password }));
      // Login answers like GET /api/me; ask for it only if this server's answer lacks the user.
      if (me.username) queryClient.setQueryData(ME_QUERY_KEY, me);
      else await queryClient.fetchQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 0 });
      await navigate(next, { replace: true });
    } catch (e) {
      setError(isApiError(e) || e instanceof Error ? e.message : String(e));
      setSubmitting(false);
    }
  };

  return (
    <PublicShell>
      <Card title={t('login.title')}>
        {reason === 'expired' || reason === 'absolute' ? (
          <Alert type="warning" showIcon style={{ marginBottom: 16 }} title={t(reason === 'absolute' ? 'login.expiredAbsolute' : 'login.expired')} data-testid="login-expired" />
        ) : null}
        {error ? <Alert type="error" showIcon style={{ marginBottom: 16 }} title={error} data-testid="login-error" /> : null}
        <Form<LoginInput> layout="vertical" onFinish={(v) => void onFinish(v)} requiredMark={false} data-testid="login-form">
          <Form.Item name="username" label={t('login.username')} rules={[{ required: true, whitespace: true, message: t('login.usernameRequired') }]}>
            <Input prefix={<UserOutlined />} autoComplete="username" autoFocus data-testid="login-username" />
          </Form.Item>
          <Form.Item name="password" label={t('login.password')} rules={[{ required: true, message: t('login.passwordRequired') }]}>
            <Input.Password prefix={<LockOutlined />} autoComplete="current-password" data-testid="login-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={submitting} data-testid="login-submit">
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
          {t('login.noAccount')} <Link to="/register" data-testid="login-register-link">{t('login.register')}</Link>
        </Typography.Paragraph>
      </Card>
    </PublicShell>
  );
}
