import { api } from '../../../lib/api';

export interface CreateOrganisationInput {
  parentId: number;
  kind: string;
  name: string;
  code?: string;
}

/** POST /api/organisations → 201 with the new organisation. */
export function createOrganisation(input: CreateOrganisationInput): Promise<unknown> {
  return api.post<unknown>('/api/organisations', input);
}
