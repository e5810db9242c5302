import type { ListEntryView, ListKindId, OfficialListView } from '@relief/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';
import type { Page } from './enterprises.api';

export type { ListEntryView, OfficialListView };

export const LISTS_KEY = ['registry', 'lists'] as const;

/** GET /api/lists?kind=: official lists, newest first, counts within the reader's region. */
export function useOfficialLists(kind: ListKindId | undefined, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...LISTS_KEY, 'list', kind, page, pageSize],
    queryFn: () => api.get<Page<OfficialListView>>('/api/lists', { kind, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** GET /api/lists/:id. */
export function useOfficialList(id: string) {
  return useQuery({
    queryKey: [...LISTS_KEY, 'one', id],
    queryFn: () => api.get<OfficialListView>(`/api/lists/${encodeURIComponent(id)}`),
  });
}

export type EntryStatusFilter = 'active' | 'removed' | 'all';

export interface ListEntryFilters {
  q?: string;
  status: EntryStatusFilter;
}

/** GET /api/lists/:id/entries?q=&status=: entries in the reader's region, removed ones included on request. */
export function useListEntries(id: string, filters: ListEntryFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...LISTS_KEY, 'entries', id, filters, page, pageSize],
    queryFn: () => api.get<Page<ListEntryView>>(`/api/lists/${encodeURIComponent(id)}/entries`, { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** POST /api/lists/:id/entries/:entryId/remove { reason }: province bodies only (403 otherwise). */
export const removeListEntry = (listId: number, entryId: number, reason: string) =>
  api.post<ListEntryView>(`/api/lists/${encodeURIComponent(String(listId))}/entries/${encodeURIComponent(String(entryId))}/remove`, { reason });
