import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

/** One audit entry (the domain's auditView); `seq` is its key, `chain` and `chainPosition` its place in a hash chain. */
export interface AuditRow {
  seq: number;
  chain: number;
  chainPosition: number;
  at: string;
  actorUsername: string | null;
  organisationId?: number | null;
  organisationName: string | null;
  action: string;
  entityType: string;
  entityId: string | null;
  before: unknown;
  after: unknown;
  requestId: string | null;
  hash: string;
}

export interface AuditFilters {
  actor?: string;
  entityType?: string;
  entityId?: string;
  action?: string;
  /** UTC instants bounding the Shanghai civil days chosen. */
  from?: string;
  to?: string;
}

/** GET /api/audit?actor=&entityType=&entityId=&action=&from=&to=&page=&pageSize= */
export function useAudit(filters: AuditFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['audit', filters, page, pageSize],
    queryFn: () => api.get<{ items: AuditRow[]; total: number }>('/api/audit', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}
