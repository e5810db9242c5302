import type {
  RiskCompensationClaimSummary, RiskCompensationClaimView, RiskCompensationDashboardView, RiskCompensationLoanView, RiskCompensationPlanView,
  RiskCompensationUploadView, RiskCompensationWindowView,
} from '@relief/domain';
import { useQuery } from '@tanstack/react-query';
import { api, type Query } from '../../../lib/api';

export type { RiskCompensationClaimSummary, RiskCompensationClaimView, RiskCompensationDashboardView, RiskCompensationLoanView, RiskCompensationPlanView, RiskCompensationUploadView, RiskCompensationWindowView };

export interface Page<T> { items: T[]; total: number; page: number; pageSize: number }
export type PlanPreview = Pick<RiskCompensationPlanView, 'rows' | 'totals' | 'byBank' | 'byCity'>;
export type PlanSummary = Omit<RiskCompensationPlanView, 'rows' | 'byBank' | 'byCity'>;

const BASE = '/api/risk-compensation';
export const RC_KEY = ['risk-compensation'] as const;

export const useLoans = (query: Query) => useQuery({ queryKey: [...RC_KEY, 'loans', query], queryFn: () => api.get<Page<RiskCompensationLoanView>>(`${BASE}/loans`, query) });
export const useClaims = (query: Query) => useQuery({ queryKey: [...RC_KEY, 'claims', query], queryFn: () => api.get<Page<RiskCompensationClaimSummary>>(`${BASE}/claims`, query) });
export const useClaim = (id: number) => useQuery({ queryKey: [...RC_KEY, 'claim', id], queryFn: () => api.get<RiskCompensationClaimView>(`${BASE}/claims/${id}`) });
export const useWindow = (month: string | null) => useQuery({ queryKey: [...RC_KEY, 'window', month], enabled: !!month, queryFn: () => api.get<RiskCompensationWindowView>(`${BASE}/window`, { month }) });
export const usePlans = (query: Query) => useQuery({ queryKey: [...RC_KEY, 'plans', query], queryFn: () => api.get<Page<PlanSummary>>(`${BASE}/plans`, query) });
export const useDashboard = (query: Query) => useQuery({ queryKey: [...RC_KEY, 'dashboard', query], queryFn: () => api.get<RiskCompensationDashboardView>(`${BASE}/dashboard`, query) });

export const registerLoan = (body: unknown) => api.post<RiskCompensationLoanView>(`${BASE}/loans`, body);
export const uploadLoans = (file: File) => {
  const form = new FormData();
  form.append('file', file);
  return api.upload<RiskCompensationUploadView>(`${BASE}/loan-uploads`, form);
};
export const confirmUpload = (id: number) => api.post<RiskCompensationUploadView>(`${BASE}/loan-uploads/${id}/confirm`);
export const createClaim = (body: { month: string; idempotencyKey: string; loanIds?: number[] }) => api.post<RiskCompensationClaimView>(`${BASE}/claims`, body);
export const submitClaim = (id: number, version: number) => api.post<RiskCompensationClaimView>(`${BASE}/claims/${id}/submit`, { version });
export const fgReview = (id: number, body: { version: number; decisions: { itemId: number; outcome: string; approvedFen?: number | null; reason?: string | null }[]; comment?: string }) =>
  api.post<RiskCompensationClaimView>(`${BASE}/claims/${id}/fg-review`, body);
export const deptReview = (id: number, body: { version: number; comment?: string }) => api.post<RiskCompensationClaimView>(`${BASE}/claims/${id}/dept-review`, body);
export const previewPlan = (claimIds: number[]) => api.post<PlanPreview>(`${BASE}/plans/preview`, { claimIds });
export const issuePlan = (claimIds: number[], idempotencyKey: string) => api.post<RiskCompensationPlanView>(`${BASE}/plans`, { claimIds, idempotencyKey });
export const markPaid = (id: number, version: number) => api.post<RiskCompensationPlanView>(`${BASE}/plans/${id}/paid`, { version });
export const getPlan = (id: number) => api.get<RiskCompensationPlanView>(`${BASE}/plans/${id}`);

/** A fresh idempotency key for one submission (a retry of the same click sends the same key). */
export function newIdempotencyKey(prefix: string): string {
  return `${prefix}-${crypto.randomUUID()}`;
}

/** The month before today's (the usual claim month). */
export function lastMonth(today = new Date()): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth() - 1, 1));
  return `${d.getUTCFullYear()}-${String(d.getUTCMonth() + 1).padStart(2, '0')}`;
}
