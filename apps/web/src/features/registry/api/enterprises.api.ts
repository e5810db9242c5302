import type { EnterpriseDetail, EnterpriseUpdateInput, EnterpriseView } from '@relief/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { EnterpriseFilters } from './registry-model';

export type { EnterpriseDetail, EnterpriseView };

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const ENTERPRISES_KEY = ['registry', 'enterprises'] as const;

/** GET /api/enterprises?q=&regionCode=&list=&size=&page=&pageSize= (the caller's region only). */
export function useEnterprises(filters: EnterpriseFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...ENTERPRISES_KEY, 'list', filters, page, pageSize],
    queryFn: () => api.get<Page<EnterpriseView>>('/api/enterprises', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export const enterpriseKey = (id: string) => [...ENTERPRISES_KEY, 'detail', id] as const;

/** GET /api/enterprises/:id: profile, size class with its reason, lists and honours (removed ones marked). */
export function useEnterprise(id: string) {
  return useQuery({
    queryKey: enterpriseKey(id),
    queryFn: () => api.get<EnterpriseDetail>(`/api/enterprises/${encodeURIComponent(id)}`),
  });
}

/** PATCH /api/enterprises/:id with the version read; 409 when someone saved in between. */
export const updateEnterprise = (id: number, input: EnterpriseUpdateInput) =>
  api.patch<EnterpriseDetail>(`/api/enterprises/${encodeURIComponent(String(id))}`, input);
