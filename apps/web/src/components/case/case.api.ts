// The case engine's endpoints (apps/server/src/cases/cases.routes.ts), shared by every measure's
// pages: one case with its timeline and allowed actions, and the actions themselves. Every write
// carries the version the user saw, so a decision taken meanwhile by someone else answers 409.
import type { CaseDetail } from '@relief/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../lib/api';

export type { CaseActionView, CaseDetail, CaseEventView, CaseSummary, DeadlineView } from '@relief/domain';

export const caseQueryKey = (id: number) => ['cases', id] as const;

/** GET /api/cases/:id — a 404 means "does not exist or not yours to see" (the server says which). */
export function useCaseDetail(id: number) {
  return useQuery({
    queryKey: caseQueryKey(id),
    queryFn: () => api.get<CaseDetail>(`/api/cases/${id}`),
    enabled: Number.isInteger(id) && id > 0,
  });
}

/** POST /api/cases/:id/actions/:key { version, comment }; answers the case as it is now. */
export function takeCaseAction(id: number, key: string, body: { version: number; comment?: string }): Promise<CaseDetail> {
  return api.post<CaseDetail>(`/api/cases/${id}/actions/${encodeURIComponent(key)}`, body);
}

/** POST /api/cases/:id/hold { version, reason } (the reason is required by the server). */
export function holdCase(id: number, body: { version: number; reason: string }): Promise<CaseDetail> {
  return api.post<CaseDetail>(`/api/cases/${id}/hold`, body);
}

/** POST /api/cases/:id/release { version, reason? }. */
export function releaseCase(id: number, body: { version: number; reason?: string }): Promise<CaseDetail> {
  return api.post<CaseDetail>(`/api/cases/${id}/release`, body);
}
