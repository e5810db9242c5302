import { Menu, Space } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { MeasureClause } from '../../../components/measure/MeasureClause';
import { hasPermission } from '../../../lib/me';
import { useMe } from '../../../lib/use-me';
import { T } from '../texts';
import { ClaimPage } from './ClaimPage';
import { ClaimsPage } from './ClaimsPage';
import { LoansPage } from './LoansPage';
import { PlansPage } from './PlansPage';

// The dashboard carries ECharts: its own chunk, loaded when the page is opened.
const DashboardPage = lazy(() => import('./DashboardPage').then((m) => ({ default: m.DashboardPage })));

const BASE = '/measures/risk-compensation';

/** The risk-compensation workspace (贷款风险补偿, 第一条): the clause with its contacts, then each party's pages. */
export function Workspace() {
  const me = useMe().data;
  const location = useLocation();
  const kind = me?.organisationKind ?? null;
  const canFile = hasPermission(me, 'risk-compensation.bank');
  const canReview = hasPermission(me, 'risk-compensation.review');
  const reviewState = kind === 'finance-group' ? 'fg_review' : kind === 'department' ? 'dept_review' : null;
  const items = [
    ...(canFile || canReview ? [{ key: 'loans', label: <Link to={`${BASE}/loans`} data-testid="rc-nav-loans">{T.nav.loans}</Link> }] : []),
    ...(reviewState ? [{ key: 'review', label: <Link to={`${BASE}/review`} data-testid="rc-nav-review">{T.nav.review}</Link> }] : []),
    { key: 'claims', label: <Link to={`${BASE}/claims`} data-testid="rc-nav-claims">{T.nav.claims}</Link> },
    ...(canReview ? [{ key: 'plans', label: <Link to={`${BASE}/plans`} data-testid="rc-nav-plans">{T.nav.plans}</Link> }] : []),
    { key: 'dashboard', label: <Link to={`${BASE}/dashboard`} data-testid="rc-nav-dashboard">{T.nav.dashboard}</Link> },
  ];
  const home = canFile ? 'loans' : reviewState ? 'review' : 'dashboard';
  const current = location.pathname.slice(BASE.length + 1).split('/')[0] || home;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="risk-compensation-workspace">
      <MeasureClause kind="risk-compensation" />
      <Menu mode="horizontal" selectedKeys={[current]} items={items} />
      <Suspense fallback={null}>
        <Routes>
          <Route index element={<Navigate to={home} replace />} />
          <Route path="loans" element={<LoansPage base={BASE} canFile={canFile} />} />
          {reviewState ? <Route path="review" element={<ClaimsPage key="review" base={BASE} canFile={false} title={T.nav.review} initial={{ state: reviewState }} />} /> : null}
          <Route path="claims" element={<ClaimsPage key="claims" base={BASE} canFile={canFile} />} />
          <Route path="claims/:id" element={<ClaimPage base={BASE} orgKind={kind} canFile={canFile} canReview={canReview} />} />
          <Route path="plans" element={<PlansPage base={BASE} canIssue={kind === 'department' && canReview} />} />
          <Route path="dashboard" element={<DashboardPage />} />
          <Route path="*" element={<Navigate to={BASE} replace />} />
        </Routes>
      </Suspense>
    </Space>
  );
}
