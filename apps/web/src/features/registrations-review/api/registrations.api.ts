import type { RegistrationView } from '@relief/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export const REGISTRATION_STATUSES: readonly RegistrationView['status'][] = ['pending', 'activated', 'rejected'];

/** A registration as the list shows it; the size class is shown when the server sends it. */
export type RegistrationRow = RegistrationView & {
  /** large | medium | small | micro (工信部联企业〔2011〕300号). */
  sizeClass?: string | null;
  sizeReason?: string | null;
};

export const REGISTRATIONS_KEY = ['registrations'] as const;

export interface RegistrationFilters {
  /** Empty for every status. */
  status: string;
  q?: string;
}

/** GET /api/registrations?status=&q=&page=&pageSize= */
export function useRegistrations(filters: RegistrationFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...REGISTRATIONS_KEY, filters, page, pageSize],
    queryFn: () => api.get<{ items: RegistrationRow[]; total: number }>('/api/registrations', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export const activateRegistration = (id: RegistrationRow['id']) => api.post<unknown>(`/api/registrations/${encodeURIComponent(String(id))}/activate`, {});

export const rejectRegistration = (id: RegistrationRow['id'], reason: string) =>
  api.post<unknown>(`/api/registrations/${encodeURIComponent(String(id))}/reject`, { reason });
