import { describe, expect, it } from 'vitest';
import { countOrganisations, filterOrganisations, findOrganisation, type OrganisationNode } from './organisations';

const tree: OrganisationNode[] = [
  {
    id: 1,
    name: '山东省工业和信息化厅',
    kind: 'province',
    children: [
      {
        id: 2,
        name: '济南市',
        kind: 'city',
        code: '370100',
        children: [
          { id: 3, name: '历下区', kind: 'county', code: '370102' },
          { id: 4, name: '莱芜区', kind: 'county', code: '370116' },
        ],
      },
      { id: 5, name: '青岛市', kind: 'city', code: '370200', children: [{ id: 6, name: '市南区', kind: 'county', code: '370202' }] },
    ],
  },
];

describe('organisation tree helpers', () => {
  it('finds a node with its ancestors', () => {
    const found = findOrganisation(tree, '4');
    expect(found?.node.name).toBe('莱芜区');
    expect(found?.ancestors.map((a) => a.name)).toEqual(['山东省工业和信息化厅', '济南市']);
    expect(findOrganisation(tree, '99')).toBeNull();
  });

  it('filters by name or code, keeping ancestors and expanding them', () => {
    const { nodes, expandedIds } = filterOrganisations(tree, '莱芜');
    expect(nodes[0]?.children?.map((c) => c.name)).toEqual(['济南市']);
    expect(nodes[0]?.children?.[0]?.children?.map((c) => c.name)).toEqual(['莱芜区']);
    expect(expandedIds.sort()).toEqual(['1', '2']);
    expect(filterOrganisations(tree, '370202').nodes[0]?.children?.map((c) => c.name)).toEqual(['青岛市']);
  });

  it('keeps the whole subtree of a matching node', () => {
    const { nodes } = filterOrganisations(tree, '济南');
    expect(nodes[0]?.children?.[0]?.children).toHaveLength(2);
  });

  it('returns everything for an empty keyword and nothing for no match', () => {
    expect(filterOrganisations(tree, '  ').nodes).toHaveLength(1);
    expect(filterOrganisations(tree, '北京').nodes).toEqual([]);
    expect(countOrganisations(tree)).toBe(6);
  });
});
