import { Menu, Space } from 'antd';
import { lazy, Suspense } from 'react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { MeasureClause } from '../../../components/measure/MeasureClause';
import { hasPermission } from '../../../lib/me';
import { useMe } from '../../../lib/use-me';
import { T } from '../texts';
import { ApplyPage } from './ApplyPage';
import { ConsultationsPage } from './ConsultationsPage';
import { DetailPage } from './DetailPage';
import { ListPage } from './ListPage';
import { RulesPage } from './RulesPage';

// The dashboard carries ECharts: its own chunk, loaded when the page is opened.
const SupervisionPage = lazy(() => import('./SupervisionPage').then((m) => ({ default: m.SupervisionPage })));

const BASE = '/measures/bridge-loan';
const SUPERVISING_KINDS = ['province', 'department', 'finance-group', 'bridge-fund', 'city', 'county', 'bridge-operator'];

/** The bridge-loan workspace (应急转贷, 第二条): the clause, then each party's pages, routed inside. */
export function Workspace() {
  const me = useMe().data;
  const location = useLocation();
  const isEnterprise = hasPermission(me, 'bridge-loan.apply');
  const isOperator = hasPermission(me, 'bridge-loan.operate');
  const isBank = hasPermission(me, 'bridge-loan.bank');
  const canSupervise = SUPERVISING_KINDS.includes(me?.organisationKind ?? '');
  const hasTodo = isOperator || isBank || isEnterprise;
  const link = (key: string, label: string) => ({ key, label: <Link to={`${BASE}/${key}`} data-testid={`bl-nav-${key}`}>{label}</Link> });
  const items = [
    ...(hasTodo ? [link('todo', T.nav.todo)] : []),
    link('list', T.nav.list),
    ...(isEnterprise ? [link('apply', T.nav.apply)] : []),
    link('consultations', T.nav.consultations),
    ...(canSupervise ? [link('supervision', T.nav.supervision)] : []),
    link('rules', T.nav.rules),
  ];
  const home = hasTodo ? 'todo' : canSupervise ? 'supervision' : 'list';
  const current = location.pathname.slice(BASE.length + 1).split('/')[0] || home;
  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }} data-testid="bridge-loan-workspace">
      <MeasureClause kind="bridge-loan" />
      <Menu mode="horizontal" selectedKeys={[current === 'cases' ? 'list' : current]} items={items} />
      <Suspense fallback={null}>
        <Routes>
          <Route index element={<Navigate to={home} replace />} />
          <Route path="todo" element={<ListPage todo />} />
          <Route path="list" element={<ListPage />} />
          <Route path="apply" element={<ApplyPage />} />
          <Route path="cases/:caseId" element={<DetailPage />} />
          <Route path="cases/:caseId/edit" element={<DetailPage edit />} />
          <Route path="consultations" element={<ConsultationsPage mode={isOperator ? 'operator' : isEnterprise ? 'enterprise' : 'reader'} />} />
          <Route path="supervision" element={<SupervisionPage />} />
          <Route path="rules" element={<RulesPage />} />
          <Route path="*" element={<Navigate to={BASE} replace />} />
        </Routes>
      </Suspense>
    </Space>
  );
}
