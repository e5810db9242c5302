import type { ImportIssueView, ImportJobView } from '@relief/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Page } from './enterprises.api';
import { isImportRunning, isReportReady } from './registry-model';

export type { ImportIssueView, ImportJobView };

export const IMPORTS_KEY = ['registry', 'imports'] as const;

/** GET /api/imports: jobs of the user's organisation and below, newest first; polls while one is running. */
export function useImportJobs(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...IMPORTS_KEY, 'list', page, pageSize],
    queryFn: () => api.get<Page<ImportJobView>>('/api/imports', { page, pageSize }),
    placeholderData: keepPreviousData,
    refetchInterval: (query) => (query.state.data?.items.some((j) => isImportRunning(j.status)) ? 2_000 : false),
  });
}

export const importJobKey = (id: string) => [...IMPORTS_KEY, 'job', id] as const;

/** GET /api/imports/:id, every second while the job validates or writes. */
export function useImportJob(id: string) {
  return useQuery({
    queryKey: importJobKey(id),
    queryFn: () => api.get<ImportJobView>(`/api/imports/${encodeURIComponent(id)}`),
    refetchInterval: (query) => (query.state.data && isImportRunning(query.state.data.status) ? 1_000 : false),
  });
}

/**
 * GET /api/imports/:id/issues?severity=&page=: the stored report, errors first. Waits until
 * validation has finished, so the first page shown is the final one.
 */
export function useImportIssues(job: ImportJobView | undefined, severity: 'error' | 'warning' | undefined, page: number, pageSize: number) {
  const ready = !!job && isReportReady(job);
  return useQuery({
    queryKey: [...IMPORTS_KEY, 'issues', String(job?.id), severity, page, pageSize, ready],
    queryFn: () => api.get<Page<ImportIssueView>>(`/api/imports/${encodeURIComponent(String(job!.id))}/issues`, { severity, page, pageSize }),
    enabled: ready,
    placeholderData: keepPreviousData,
  });
}

/** POST /api/imports (multipart): 202 with the job, which then validates in the background. */
export const uploadImport = (form: FormData) => api.upload<ImportJobView>('/api/imports', form);

/** POST /api/imports/:id/confirm: 202; the valid rows are then written in the background. */
export const confirmImport = (id: number) => api.post<ImportJobView>(`/api/imports/${encodeURIComponent(String(id))}/confirm`);

/** POST /api/imports/:id/cancel: drops the staged rows, keeps the report. */
export const cancelImport = (id: number) => api.post<ImportJobView>(`/api/imports/${encodeURIComponent(String(id))}/cancel`);
