import { Menu, Space } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { MeasureClause } from '../../../components/measure/MeasureClause';
import { hasPermission } from '../../../lib/me';
import { useMe } from '../../../lib/use-me';
import { T } from '../texts';
import { CompensationsPage } from './CompensationsPage';
import { ExtensionDetailPage } from './ExtensionDetailPage';
import { ExtensionsPage } from './ExtensionsPage';
import { FilingsPage } from './FilingsPage';
import { InstitutionsPage } from './InstitutionsPage';
import { RewardBasePage } from './RewardBasePage';

// The dashboard carries ECharts: its own chunk, loaded when the page is opened.
const DashboardPage = lazy(() => import('./DashboardPage').then((m) => ({ default: m.DashboardPage })));

const BASE = '/measures/guarantee';

/** The guarantee workspace (融资担保, 第四条): the clause, the party's pages, routed inside. */
export function Workspace() {
  const me = useMe().data;
  const location = useLocation();
  const canFile = hasPermission(me, 'guarantee.file');
  const items = [
    { key: 'filings', label: <Link to={`${BASE}/filings`} data-testid="gu-nav-filings">{T.nav.filings}</Link> },
    { key: 'compensations', label: <Link to={`${BASE}/compensations`} data-testid="gu-nav-compensations">{T.nav.compensations}</Link> },
    { key: 'extensions', label: <Link to={`${BASE}/extensions`} data-testid="gu-nav-extensions">{T.nav.extensions}</Link> },
    { key: 'institutions', label: <Link to={`${BASE}/institutions`} data-testid="gu-nav-institutions">{T.nav.institutions}</Link> },
    { key: 'reward-base', label: <Link to={`${BASE}/reward-base`} data-testid="gu-nav-reward-base">{T.nav.rewardBase}</Link> },
    { key: 'dashboard', label: <Link to={`${BASE}/dashboard`} data-testid="gu-nav-dashboard">{T.nav.dashboard}</Link> },
  ];
  const current = location.pathname.slice(BASE.length + 1).split('/')[0] || (canFile ? 'filings' : 'dashboard');
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="guarantee-workspace">
      <MeasureClause kind="guarantee" />
      <Menu mode="horizontal" selectedKeys={[current]} items={items} />
      <Suspense fallback={null}>
        <Routes>
          <Route index element={<Navigate to={canFile ? 'filings' : 'dashboard'} replace />} />
          <Route path="filings" element={<FilingsPage canFile={canFile} />} />
          <Route path="compensations" element={<CompensationsPage canFile={canFile} />} />
          <Route path="extensions" element={<ExtensionsPage />} />
          <Route path="extensions/:caseId" element={<ExtensionDetailPage canFile={canFile} />} />
          <Route path="institutions" element={<InstitutionsPage canReview={hasPermission(me, 'guarantee.review')} />} />
          <Route path="reward-base" element={<RewardBasePage />} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="*" element={<Navigate to={BASE} replace />} />
        </Routes>
      </Suspense>
    </Space>
  );
}
