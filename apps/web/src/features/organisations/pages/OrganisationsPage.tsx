import { PlusOutlined, SearchOutlined } from '@ant-design/icons';
import { Button, Card, Col, Descriptions, Empty, Input, Row, Skeleton, Tag, Tree, type TreeDataNode } from 'antd';
import { useMemo, useState, type Key, type ReactNode } from 'react';
import { ExportButton } from '../../../components/ExportButton';
import { PageContainer } from '../../../components/PageContainer';
import { QueryError } from '../../../components/QueryError';
import { useI18n } from '../../../lib/i18n-context';
import { hasPermission, PERMISSIONS } from '../../../lib/me';
import { childKindsOf, filterOrganisations, findOrganisation, type OrganisationNode } from '../../../lib/organisations';
import { useMe } from '../../../lib/use-me';
import { useOrganisationTree } from '../../../lib/use-organisation-tree';
import { AddOrganisationModal } from '../components/AddOrganisationModal';

function highlight(text: string, keyword: string): ReactNode {
  const q = keyword.trim();
  const at = q ? text.toLowerCase().indexOf(q.toLowerCase()) : -1;
  if (at < 0) return text;
  return (
    <>
      {text.slice(0, at)}
      <mark style={{ padding: 0, background: '#ffe58f' }}>{text.slice(at, at + q.length)}</mark>
      {text.slice(at + q.length)}
    </>
  );
}

export function OrganisationsPage() {
  const { t, tx } = useI18n();
  const me = useMe().data;
  const tree = useOrganisationTree();
  const [keyword, setKeyword] = useState('');
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [expandedKeys, setExpandedKeys] = useState<Key[] | null>(null);
  const [adding, setAdding] = useState(false);
  const mayManage = hasPermission(me, PERMISSIONS.organisationsManage);

  const roots = useMemo(() => tree.data ?? [], [tree.data]);
  const filtered = useMemo(() => filterOrganisations(roots, keyword), [roots, keyword]);

  const treeData = useMemo(() => {
    const toNode = (n: OrganisationNode): TreeDataNode => ({
      key: String(n.id),
      title: (
        <span data-testid={`org-node-${n.id}`}>
          {highlight(n.name, keyword)} <Tag style={{ marginInlineStart: 4 }}>{tx(`orgKind.${n.kind}`, n.kind)}</Tag>
        </span>
      ),
      children: (n.children ?? []).map(toNode),
    });
    return filtered.nodes.map(toNode);
  }, [filtered.nodes, keyword, tx]);

  // Until the user expands or collapses, show the first two levels (or every match while searching).
  const effectiveExpanded = keyword.trim() ? filtered.expandedIds : (expandedKeys ?? roots.map((r) => String(r.id)));
  const effectiveSelectedId = selectedId ?? (roots[0] ? String(roots[0].id) : null);
  const selected = effectiveSelectedId ? findOrganisation(roots, effectiveSelectedId) : null;
  // Only where the domain allows children under the selected kind (a department has none).
  const canAdd = mayManage && !!selected && childKindsOf(selected.node.kind).length > 0;

  return (
    <PageContainer
      title={t('org.title')}
      extra={<ExportButton path="/api/organisations/export" fallbackName="组织机构.xlsx" testId="org-export" />}
      testId="organisations-page"
    >
      {tree.isError ? (
        <QueryError error={tree.error} onRetry={() => void tree.refetch()} />
      ) : (
        <Row gutter={16}>
          <Col xs={24} lg={10}>
            <Card>
              <Input
                allowClear
                prefix={<SearchOutlined />}
                placeholder={t('org.search')}
                value={keyword}
                onChange={(e) => setKeyword(e.target.value)}
                style={{ marginBottom: 12 }}
                data-testid="org-search"
              />
              {tree.isPending ? (
                <Skeleton active />
              ) : roots.length === 0 ? (
                <Empty description={t('org.empty')} />
              ) : (
                <Tree
                  treeData={treeData}
                  selectedKeys={effectiveSelectedId ? [effectiveSelectedId] : []}
                  expandedKeys={effectiveExpanded}
                  onExpand={(keys) => setExpandedKeys(keys)}
                  onSelect={(keys) => {
                    if (keys[0] !== undefined) setSelectedId(String(keys[0]));
                  }}
                  blockNode
                  height={600}
                  data-testid="org-tree"
                />
              )}
            </Card>
          </Col>
          <Col xs={24} lg={14}>
            <Card
              title={t('org.details')}
              extra={
                canAdd && selected ? (
                  <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)} data-testid="org-create">
                    {t('org.addChild')}
                  </Button>
                ) : null
              }
            >
              {selected ? (
                <Descriptions
                  column={1}
                  bordered
                  size="small"
                  data-testid="org-details"
                  items={[
                    { key: 'name', label: t('org.name'), children: selected.node.name },
                    { key: 'kind', label: t('org.kind'), children: tx(`orgKind.${selected.node.kind}`, selected.node.kind) },
                    { key: 'code', label: t('org.code'), children: selected.node.code || '—' },
                    { key: 'parent', label: t('org.parent'), children: selected.ancestors.at(-1)?.name ?? '—' },
                    { key: 'children', label: t('org.childCount'), children: String(selected.node.children?.length ?? 0) },
                    { key: 'id', label: t('org.id'), children: String(selected.node.id) },
                  ]}
                />
              ) : (
                <Empty description={t('org.selectHint')} />
              )}
            </Card>
          </Col>
        </Row>
      )}
      {selected && canAdd ? <AddOrganisationModal parent={selected.node} open={adding} onClose={() => setAdding(false)} /> : null}
    </PageContainer>
  );
}
