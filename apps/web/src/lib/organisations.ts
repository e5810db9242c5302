// The organisation tree as GET /api/organisations/tree returns it, and pure helpers over it
// shared by the organisation and user pages.
import { ALLOWED_CHILD_KINDS, isOrgKind, type OrgKind } from '@relief/domain';

export type { OrgKind };

/** The kinds an organisation of `parentKind` may have as children (empty for unknown kinds). */
export function childKindsOf(parentKind: string): readonly OrgKind[] {
  return isOrgKind(parentKind) ? ALLOWED_CHILD_KINDS[parentKind] : [];
}

/** A node of the tree (the domain's `OrganisationNode`, loosened so tests and older servers fit). */
export interface OrganisationNode {
  /** A number from the server; compared as a string. */
  id: number | string;
  name: string;
  kind: string;
  code?: string | null;
  regionCode?: string | null;
  status?: string;
  children?: OrganisationNode[];
}

/** Finds a node by id, with the chain of its ancestors (root first). */
export function findOrganisation(nodes: readonly OrganisationNode[], id: string, ancestors: OrganisationNode[] = []): { node: OrganisationNode; ancestors: OrganisationNode[] } | null {
  for (const node of nodes) {
    if (String(node.id) === id) return { node, ancestors };
    const found = findOrganisation(node.children ?? [], id, [...ancestors, node]);
    if (found) return found;
  }
  return null;
}

/**
 * Keeps the nodes whose name or code contains `keyword` (case-insensitive) and their ancestors;
 * returns the pruned tree and the ids to expand so every match is visible.
 */
export function filterOrganisations(nodes: readonly OrganisationNode[], keyword: string): { nodes: OrganisationNode[]; expandedIds: string[] } {
  const q = keyword.trim().toLowerCase();
  if (!q) return { nodes: [...nodes], expandedIds: [] };
  const expandedIds: string[] = [];
  const walk = (list: readonly OrganisationNode[]): OrganisationNode[] =>
    list.flatMap((node) => {
      const children = walk(node.children ?? []);
      const matches = node.name.toLowerCase().includes(q) || (node.code ?? '').toLowerCase().includes(q);
      if (!matches && children.length === 0) return [];
      if (children.length > 0) expandedIds.push(String(node.id));
      // A matching node keeps its whole subtree; an ancestor only the branches leading to matches.
      return [{ ...node, children: matches ? node.children : children }];
    });
  return { nodes: walk(nodes), expandedIds };
}

/** Counts the nodes of a tree. */
export function countOrganisations(nodes: readonly OrganisationNode[]): number {
  return nodes.reduce((n, node) => n + 1 + countOrganisations(node.children ?? []), 0);
}
