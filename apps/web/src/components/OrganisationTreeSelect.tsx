import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useI18n } from '../lib/i18n-context';
import type { OrganisationNode } from '../lib/organisations';
import { useOrganisationTree } from '../lib/use-organisation-tree';

interface Option {
  value: string;
  title: string;
  label: string;
  children: Option[];
}

export interface OrganisationTreeSelectProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  id?: string;
  placeholder?: string;
  allowClear?: boolean;
  testId?: string;
}

/** Picks an organisation from the user's subtree (GET /api/organisations/tree), searchable by name. */
export function OrganisationTreeSelect({ value, onChange, id, placeholder, allowClear = true, testId }: OrganisationTreeSelectProps) {
  const tree = useOrganisationTree();
  const { tx } = useI18n();
  const treeData = useMemo(() => {
    const toOption = (n: OrganisationNode): Option => ({
      value: String(n.id),
      title: `${n.name}（${tx(`orgKind.${n.kind}`, n.kind)}）`,
      label: n.name,
      children: (n.children ?? []).map(toOption),
    });
    return (tree.data ?? []).map(toOption);
  }, [tree.data, tx]);
  return (
    <TreeSelect
      id={id}
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      treeData={treeData}
      loading={tree.isPending}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeNodeLabelProp="label"
      treeDefaultExpandedKeys={treeData.map((o) => o.value)}
      popupMatchSelectWidth={false}
      style={{ minWidth: 220 }}
      data-testid={testId}
    />
  );
}
