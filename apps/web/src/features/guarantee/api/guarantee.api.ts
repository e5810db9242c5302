import type {
  GuaranteeCompensationView, GuaranteeDashboardView, GuaranteeExtensionView, GuaranteeFilingView, GuaranteeInstitutionView, GuaranteeRewardBaseView,
} from '@relief/domain';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiRequest, type Query } from '../../../lib/api';

export type { GuaranteeCompensationView, GuaranteeDashboardView, GuaranteeExtensionView, GuaranteeFilingView, GuaranteeInstitutionView, GuaranteeRewardBaseView };

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const GUARANTEE_KEY = ['guarantee'] as const;

/** Drops undefined and empty filters so the query string and the cache key stay small. */
export function cleanQuery(q: Record<string, unknown>): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries(q)) if (v !== undefined && v !== null && v !== '') out[k] = v as string | number;
  return out;
}

export function useGuaranteeInstitutions() {
  return useQuery({ queryKey: [...GUARANTEE_KEY, 'institutions'], queryFn: () => api.get<{ items: GuaranteeInstitutionView[] }>('/api/guarantee/institutions') });
}

export function useGuaranteeFilings(q: Query) {
  return useQuery({ queryKey: [...GUARANTEE_KEY, 'filings', q], queryFn: () => api.get<Page<GuaranteeFilingView>>('/api/guarantee/filings', q), placeholderData: keepPreviousData });
}

export function useGuaranteeCompensations(q: Query) {
  return useQuery({ queryKey: [...GUARANTEE_KEY, 'compensations', q], queryFn: () => api.get<Page<GuaranteeCompensationView>>('/api/guarantee/compensations', q), placeholderData: keepPreviousData });
}

export function useGuaranteeExtensions(q: Query) {
  return useQuery({ queryKey: [...GUARANTEE_KEY, 'extensions', q], queryFn: () => api.get<Page<GuaranteeExtensionView>>('/api/guarantee/extensions', q), placeholderData: keepPreviousData });
}

export function useGuaranteeRewardBase(period: string) {
  return useQuery({ queryKey: [...GUARANTEE_KEY, 'reward-base', period], queryFn: () => api.get<GuaranteeRewardBaseView>('/api/guarantee/reward-base', { period }) });
}

export function useGuaranteeDashboard(period: string | undefined) {
  return useQuery({ queryKey: [...GUARANTEE_KEY, 'dashboard', period], queryFn: () => api.get<GuaranteeDashboardView>('/api/guarantee/dashboard', cleanQuery({ period })) });
}

export function useGuaranteeBanks(enabled: boolean) {
  return useQuery({ queryKey: [...GUARANTEE_KEY, 'banks'], queryFn: () => api.get<{ items: { id: number; name: string }[] }>('/api/guarantee/banks'), enabled, staleTime: 10 * 60 * 1000 });
}

export interface GuaranteeEnterprise {
  id: number;
  uscc: string;
  name: string;
  regionName: string;
  sizeLabel: string;
  smallMicro: boolean;
}

export function lookupEnterprise(uscc: string) {
  return api.get<GuaranteeEnterprise>(`/api/guarantee/enterprises/${encodeURIComponent(uscc)}`);
}

/** After any write: every list, the register and the dashboard of the measure reload. */
export function useGuaranteeMutation<TBody, TResult>(fn: (body: TBody) => Promise<TResult>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: GUARANTEE_KEY }) });
}

export interface FilingBody {
  idempotencyKey: string;
  uscc: string;
  bankOrgId?: number | null;
  bankName?: string;
  contractNo: string;
  amountFen: number;
  termMonths: number;
  feeRatePpm: number;
  counterGuarantee: boolean;
  startOn: string;
}

export const guaranteeApi = {
  file: (b: FilingBody) => api.post<{ filing: GuaranteeFilingView; created: boolean; warnings: string[] }>('/api/guarantee/filings', b),
  compensate: (b: { filingId: number; paidOn: string; amountFen: number; recoveryDueOn?: string; note?: string }) => api.post<GuaranteeCompensationView>('/api/guarantee/compensations', b),
  recover: (b: { id: number; recoveredOn: string; recoveredFen: number; version: number }) =>
    api.post<GuaranteeCompensationView>(`/api/guarantee/compensations/${b.id}/recovery`, { recoveredOn: b.recoveredOn, recoveredFen: b.recoveredFen, version: b.version }),
  requestExtension: (b: { compensationId: number; idempotencyKey: string; requestedDueOn: string; reason: string }) =>
    api.post<GuaranteeExtensionView>(`/api/guarantee/compensations/${b.compensationId}/extensions`, { idempotencyKey: b.idempotencyKey, requestedDueOn: b.requestedDueOn, reason: b.reason }),
  resubmitExtension: (b: { caseId: number; version: number; requestedDueOn: string; reason: string }) =>
    api.post<GuaranteeExtensionView>(`/api/guarantee/extensions/${b.caseId}/resubmit`, { version: b.version, requestedDueOn: b.requestedDueOn, reason: b.reason }),
  updateInstitution: (b: { id: number; isGovernment: boolean; rewardFunded: boolean; rewardFrom: string | null; rewardTo: string | null; source: string; version: number }) => {
    const { id, ...body } = b;
    return apiRequest<GuaranteeInstitutionView>('PUT', `/api/guarantee/institutions/${id}`, { body });
  },
};

/** A fresh idempotency key for one submission (kept across retries of the same form). */
export function newIdempotencyKey(): string {
  return typeof crypto !== 'undefined' && 'randomUUID' in crypto ? crypto.randomUUID() : `k-${Date.now()}-${Math.random().toString(36).slice(2)}`;
}
