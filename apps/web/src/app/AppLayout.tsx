import {
  AuditOutlined,
  BankOutlined,
  CalendarOutlined,
  CloudUploadOutlined,
  FileDoneOutlined,
  FileTextOutlined,
  HomeOutlined,
  LogoutOutlined,
  SafetyCertificateOutlined,
  SearchOutlined,
  TeamOutlined,
  UnorderedListOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Button, Flex, Layout, Menu, type MenuProps, Spin, Typography } from 'antd';
import { Suspense, useMemo, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { LanguageSwitch } from '../components/LanguageSwitch';
import { useLogout } from '../features/auth/api/use-logout';
import { NotificationBell } from '../features/notifications/components/NotificationBell';
import { useI18n } from '../lib/i18n-context';
import { hasPermission, PERMISSIONS, type Me } from '../lib/me';
import { useMe } from '../lib/use-me';
import { MEASURE_MENU } from './measures';
import { SessionWatcher } from './SessionWatcher';

type MenuItem = NonNullable<MenuProps['items']>[number];

const ADMIN_ENTRIES = [
  { path: '/admin/organisations', permission: PERMISSIONS.organisationsRead, key: 'nav.organisations', icon: <BankOutlined />, testId: 'menu-admin-organisations' },
  { path: '/admin/users', permission: PERMISSIONS.usersManage, key: 'nav.users', icon: <TeamOutlined />, testId: 'menu-admin-users' },
  { path: '/admin/registrations', permission: PERMISSIONS.registrationsReview, key: 'nav.registrations', icon: <FileDoneOutlined />, testId: 'menu-admin-registrations' },
  { path: '/admin/audit', permission: PERMISSIONS.auditRead, key: 'nav.audit', icon: <AuditOutlined />, testId: 'menu-admin-audit' },
] as const;

/** 企业库: the registry's pages, by permission (imports need enterprises.import). */
const REGISTRY_ENTRIES = [
  { path: '/registry/enterprises', permission: PERMISSIONS.enterprisesRead, key: 'nav.registryEnterprises', icon: <SearchOutlined />, testId: 'menu-registry-enterprises' },
  { path: '/registry/imports', permission: PERMISSIONS.enterprisesImport, key: 'nav.registryImports', icon: <CloudUploadOutlined />, testId: 'menu-registry-imports' },
  { path: '/registry/lists', permission: PERMISSIONS.enterprisesRead, key: 'nav.registryLists', icon: <UnorderedListOutlined />, testId: 'menu-registry-lists' },
] as const;

/** For every signed-in user. */
const REFERENCE_ENTRIES = [
  { path: '/calendar', key: 'nav.calendar', icon: <CalendarOutlined />, testId: 'menu-calendar' },
  { path: '/policy', key: 'nav.policy', icon: <FileTextOutlined />, testId: 'menu-policy' },
] as const;

function useMenuItems(me: Me | undefined): MenuItem[] {
  const { t, locale } = useI18n();
  return useMemo(() => {
    const items: MenuItem[] = [
      { key: '/', icon: <HomeOutlined />, label: <Link to="/" data-testid="menu-workbench">{t('nav.workbench')}</Link> },
      {
        type: 'group',
        key: 'measures',
        label: t('nav.measures'),
        children: MEASURE_MENU.map((m) => ({
          key: `/measures/${m.kind}`,
          label: (
            <Link to={`/measures/${m.kind}`} data-testid={`menu-measure-${m.kind}`} title={locale === 'zh-CN' ? m.title : m.titleEn}>
              {m.clause} {locale === 'zh-CN' ? m.title : m.titleEn}
            </Link>
          ),
        })),
      },
    ];
    const registry = REGISTRY_ENTRIES.filter((e) => hasPermission(me, e.permission));
    if (registry.length > 0) {
      items.push({
        type: 'group',
        key: 'registry',
        label: t('nav.registryGroup'),
        children: registry.map((e) => ({
          key: e.path,
          icon: e.icon,
          label: (
            <Link to={e.path} data-testid={e.testId}>
              {t(e.key)}
            </Link>
          ),
        })),
      });
    }
    items.push({
      type: 'group',
      key: 'reference',
      label: t('nav.reference'),
      children: REFERENCE_ENTRIES.map((e) => ({
        key: e.path,
        icon: e.icon,
        label: (
          <Link to={e.path} data-testid={e.testId}>
            {t(e.key)}
          </Link>
        ),
      })),
    });
    const admin = ADMIN_ENTRIES.filter((e) => hasPermission(me, e.permission));
    if (admin.length > 0) {
      items.push({
        type: 'group',
        key: 'admin',
        label: t('nav.admin'),
        children: admin.map((e) => ({
          key: e.path,
          icon: e.icon,
          label: (
            <Link to={e.path} data-testid={e.testId}>
              {t(e.key)}
            </Link>
          ),
        })),
      });
    }
    return items;
  }, [me, t, locale]);
}

/** The menu key of the current page: the longest menu path the location starts with. */
function selectedKey(pathname: string): string {
  if (pathname === '/') return '/';
  const candidates = [
    ...MEASURE_MENU.map((m) => `/measures/${m.kind}`),
    ...REGISTRY_ENTRIES.map((e) => e.path),
    ...REFERENCE_ENTRIES.map((e) => e.path),
    ...ADMIN_ENTRIES.map((e) => e.path),
    '/account',
  ];
  return candidates.filter((p) => pathname === p || pathname.startsWith(`${p}/`)).sort((a, b) => b.length - a.length)[0] ?? pathname;
}

/** The signed-in frame: header, left menu by permission, the page, and the session watcher. */
export function AppLayout() {
  const { t } = useI18n();
  const me = useMe().data;
  const location = useLocation();
  const logout = useLogout();
  const items = useMenuItems(me);
  const [collapsed, setCollapsed] = useState(false);

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <Layout.Header style={{ display: 'flex', alignItems: 'center', justifyContent: 'space-between', gap: 16, paddingInline: 24 }}>
        <Flex align="center" gap={12} style={{ minWidth: 0 }}>
          <SafetyCertificateOutlined style={{ color: '#fff', fontSize: 22 }} />
          <Typography.Title level={4} style={{ color: '#fff', margin: 0, whiteSpace: 'nowrap' }} data-testid="app-title">
            {t('app.title')}
          </Typography.Title>
        </Flex>
        <Flex align="center" gap={16} style={{ color: '#fff', minWidth: 0 }}>
          <NotificationBell />
          <LanguageSwitch dark />
          <span data-testid="header-user" style={{ whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }}>
            {me?.displayName}
            {me?.organisationName ? <span style={{ opacity: 0.75 }}> · {me.organisationName}</span> : null}
          </span>
          <Link to="/account" data-testid="header-account" style={{ color: '#fff', whiteSpace: 'nowrap' }}>
            <UserOutlined /> {t('nav.account')}
          </Link>
          <Button type="text" icon={<LogoutOutlined />} onClick={() => void logout()} style={{ color: '#fff' }} data-testid="logout">
            {t('nav.logout')}
          </Button>
        </Flex>
      </Layout.Header>
      <Layout>
        <Layout.Sider
          width={240}
          theme="light"
          collapsible
          collapsed={collapsed}
          onCollapse={setCollapsed}
          breakpoint="lg"
          // The menu scrolls on its own and stays in view while a long list scrolls.
          style={{ position: 'sticky', top: 0, height: 'calc(100vh - 64px)', overflowY: 'auto' }}
        >
          {/* Room at the bottom for the collapse trigger, which would otherwise cover the last entry. */}
          <Menu mode="inline" items={items} selectedKeys={[selectedKey(location.pathname)]} style={{ borderInlineEnd: 0, paddingBottom: 56 }} data-testid="main-menu" />
        </Layout.Sider>
        <Layout.Content style={{ padding: 24, minWidth: 0 }}>
          <Suspense
            fallback={
              <Flex justify="center" style={{ padding: 48 }}>
                <Spin />
              </Flex>
            }
          >
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
      <SessionWatcher />
    </Layout>
  );
}
