import { Flex, Layout, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useI18n } from '../lib/i18n-context';
import { LanguageSwitch } from './LanguageSwitch';

/** The frame of the pages outside the login: login and self-registration. */
export function PublicShell({ children, width = 420 }: { children: ReactNode; width?: number }) {
  const { t } = useI18n();
  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', paddingInline: 24 }}>
        <Typography.Title level={4} style={{ color: '#fff', margin: 0 }}>
          {t('app.title')}
        </Typography.Title>
        <LanguageSwitch dark />
      </Layout.Header>
      <Layout.Content>
        <Flex justify="center" style={{ padding: '48px 16px' }}>
          <div style={{ width: '100%', maxWidth: width }}>{children}</div>
        </Flex>
      </Layout.Content>
      <Layout.Footer style={{ textAlign: 'center' }}>
        <Typography.Text type="secondary">{t('app.policy')}</Typography.Text>
      </Layout.Footer>
    </Layout>
  );
}
