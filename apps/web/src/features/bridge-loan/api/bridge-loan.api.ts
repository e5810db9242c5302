import type {
  BridgeLoanConsultationView, BridgeLoanDetail, BridgeLoanReceipt, BridgeLoanRulesView, BridgeLoanSupervisionView, BridgeLoanView,
} from '@relief/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../../lib/api';

export type { BridgeLoanConsultationView, BridgeLoanDetail, BridgeLoanRulesView, BridgeLoanSupervisionView, BridgeLoanView };

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const BL_KEY = ['bridge-loan'] as const;

/** Drops empty filters so the query string and the cache key stay small. */
export function cleanQuery(q: Record<string, unknown>): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') out[k] = v as string | number;
  return out;
}

export const useBridgeLoans = (q: Query) =>
  useQuery({ queryKey: [...BL_KEY, 'list', q], queryFn: () => api.get<Page<BridgeLoanView>>('/api/bridge-loans', q), placeholderData: keepPreviousData });
export const useBridgeLoan = (id: number) => useQuery({ queryKey: [...BL_KEY, 'detail', id], queryFn: () => api.get<BridgeLoanDetail>(`/api/bridge-loans/${id}`) });
export const useBridgeLoanRules = () => useQuery({ queryKey: [...BL_KEY, 'rules'], queryFn: () => api.get<BridgeLoanRulesView>('/api/bridge-loans/rules'), staleTime: 10 * 60 * 1000 });
export const useBridgeLoanBanks = () => useQuery({ queryKey: [...BL_KEY, 'banks'], queryFn: () => api.get<{ id: number; name: string }[]>('/api/bridge-loans/banks'), staleTime: 10 * 60 * 1000 });
export const useConsultations = (q: Query) =>
  useQuery({ queryKey: [...BL_KEY, 'consultations', q], queryFn: () => api.get<Page<BridgeLoanConsultationView>>('/api/bridge-loans/consultations', q), placeholderData: keepPreviousData });
export const useSupervision = (q: Query) => useQuery({ queryKey: [...BL_KEY, 'supervision', q], queryFn: () => api.get<BridgeLoanSupervisionView>('/api/bridge-loans/supervision', q) });

export const createBridgeLoan = (body: Record<string, unknown>) => api.post<BridgeLoanReceipt>('/api/bridge-loans', body);
export const updateBridgeLoan = (id: number, body: Record<string, unknown>) => api.patch<BridgeLoanDetail>(`/api/bridge-loans/${id}`, body);
export const actOnBridgeLoan = (id: number, action: string, body: Record<string, unknown>) => api.post<BridgeLoanDetail>(`/api/bridge-loans/${id}/actions/${action}`, body);
export function uploadCommitment(id: number, file: File) {
  const form = new FormData();
  form.append('file', file);
  return api.upload<{ id: number }>(`/api/bridge-loans/${id}/files`, form);
}
export const recordConsultation = (body: Record<string, unknown>) => api.post<BridgeLoanConsultationView>('/api/bridge-loans/consultations', body);
export const answerConsultation = (id: number, body: { answer: string; version: number }) => api.post<BridgeLoanConsultationView>(`/api/bridge-loans/consultations/${id}/answer`, body);
