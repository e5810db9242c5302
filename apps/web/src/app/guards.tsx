import { Button, Flex, Result, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Link, Navigate, useLocation } from 'react-router';
import { isApiError } from '../lib/api-errors';
import { useI18n } from '../lib/i18n-context';
import { hasPermission } from '../lib/me';
import { useMe } from '../lib/use-me';

export function FullPageSpin() {
  return (
    <Flex justify="center" align="center" style={{ minHeight: '60vh' }}>
      <Spin size="large" />
    </Flex>
  );
}

/** Renders its children for a signed-in user; sends anyone else to /login, keeping the path. */
export function RequireAuth({ children }: { children: ReactNode }) {
  const me = useMe();
  const location = useLocation();
  const { t } = useI18n();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) {
    if (isApiError(me.error) && me.error.status === 401) {
      const next = location.pathname + location.search;
      return <Navigate to={`/login?next=${encodeURIComponent(next)}`} replace />;
    }
    return (
      <Result
        status="error"
        title={t('app.loadFailed')}
        subTitle={me.error.message}
        extra={<Button onClick={() => void me.refetch()}>{t('common.retry')}</Button>}
      />
    );
  }
  return <>{children}</>;
}

/** Renders its children only for users holding `permission`; a 403 page otherwise. */
export function RequirePermission({ permission, children }: { permission: string; children: ReactNode }) {
  const me = useMe();
  const { t } = useI18n();
  if (!hasPermission(me.data, permission)) {
    return (
      <Result
        status="403"
        title="403"
        subTitle={t('app.forbidden')}
        extra={
          <Link to="/">
            <Button type="primary">{t('app.backHome')}</Button>
          </Link>
        }
        data-testid="forbidden"
      />
    );
  }
  return <>{children}</>;
}

export function NotFound() {
  const { t } = useI18n();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('app.notFound')}
      extra={
        <Link to="/">
          <Button type="primary">{t('app.backHome')}</Button>
        </Link>
      }
    />
  );
}
