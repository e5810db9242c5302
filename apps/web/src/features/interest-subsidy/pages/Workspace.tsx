import { runsInterestSubsidyNotices } from '@relief/domain';
import { Menu, Space } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { MeasureClause } from '../../../components/measure/MeasureClause';
import { hasPermission } from '../../../lib/me';
import { useMe } from '../../../lib/use-me';
import { T } from '../texts';
import { ApplicationDetailPage } from './ApplicationDetailPage';
import { ApplicationsPage } from './ApplicationsPage';
import { ApplyPage } from './ApplyPage';
import { NoticeDetailPage, NoticesPage } from './NoticesPage';
import { ReportDetailPage, ReportsPage } from './ReportsPage';
import { StatusPage } from './StatusPage';

// The dashboard carries ECharts: its own chunk, loaded when the page is opened.
const DashboardPage = lazy(() => import('./DashboardPage').then((m) => ({ default: m.DashboardPage })));

const BASE = '/measures/interest-subsidy';

/** 贷款贴息 (第五条): the clause and its contacts, then each party's pages, routed inside. */
export function Workspace() {
  const me = useMe().data;
  const location = useLocation();
  const kind = me?.organisationKind ?? '';
  const isEnterprise = kind === 'enterprise';
  const isProvince = kind === 'province' || kind === 'department';
  const isCity = kind === 'city';
  const canReview = hasPermission(me, 'interest-subsidy.review');
  // 公示, objections and payment are 省工信厅's alone (the server refuses 省财政厅 and the cities).
  const canPublish = !!me && runsInterestSubsidyNotices({ kind, code: me.organisationCode }) && canReview;
  const items = [
    { key: 'applications', label: <Link to={`${BASE}/applications`} data-testid="is-nav-applications">{T.nav.applications}</Link> },
    ...(isEnterprise ? [{ key: 'apply', label: <Link to={`${BASE}/apply`} data-testid="is-nav-apply">{T.nav.apply}</Link> }] : []),
    ...(isEnterprise ? [] : [{ key: 'reports', label: <Link to={`${BASE}/reports`} data-testid="is-nav-reports">{T.nav.reports}</Link> }]),
    ...(isProvince ? [{ key: 'status', label: <Link to={`${BASE}/status`} data-testid="is-nav-status">{T.nav.status}</Link> }] : []),
    { key: 'notices', label: <Link to={`${BASE}/notices`} data-testid="is-nav-notices">{T.nav.notices}</Link> },
    ...(isEnterprise ? [] : [{ key: 'dashboard', label: <Link to={`${BASE}/dashboard`} data-testid="is-nav-dashboard">{T.nav.dashboard}</Link> }]),
  ];
  const current = location.pathname.slice(BASE.length + 1).split('/')[0] || 'applications';
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="interest-subsidy-workspace">
      <MeasureClause kind="interest-subsidy" />
      <Menu mode="horizontal" selectedKeys={[current]} items={items} />
      <Suspense fallback={null}>
        <Routes>
          <Route index element={<Navigate to="applications" replace />} />
          <Route path="applications" element={<ApplicationsPage isEnterprise={isEnterprise} />} />
          <Route path="applications/apply" element={<Navigate to="../../apply" replace />} />
          <Route path="applications/:id" element={<ApplicationDetailPage isEnterprise={isEnterprise} />} />
          <Route path="apply" element={<ApplyPage />} />
          <Route path="reports" element={<ReportsPage isCity={isCity && canReview} />} />
          <Route path="reports/:id" element={<ReportDetailPage canSign={canReview} />} />
          <Route path="status" element={<StatusPage />} />
          <Route path="notices" element={<NoticesPage canPublish={canPublish} />} />
          <Route path="notices/:id" element={<NoticeDetailPage canPublish={canPublish} canReview={isProvince && canReview} />} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="*" element={<Navigate to={BASE} replace />} />
        </Routes>
      </Suspense>
    </Space>
  );
}
