import { useQuery } from '@tanstack/react-query';
import { api } from './api';
import type { OrganisationNode } from './organisations';

export const ORGANISATION_TREE_KEY = ['organisations', 'tree'] as const;

/** GET /api/organisations/tree: the user's own subtree. */
export function useOrganisationTree(enabled = true) {
  return useQuery({
    queryKey: ORGANISATION_TREE_KEY,
    queryFn: () => api.get<OrganisationNode[]>('/api/organisations/tree'),
    staleTime: 5 * 60 * 1000,
    enabled,
  });
}
