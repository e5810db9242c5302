import type { CaseSummary } from '@relief/domain';
import { useQuery } from '@tanstack/react-query';
import { api, isApiError } from '../../../lib/api';

/** A waiting case as GET /api/inbox lists it (the domain's caseSummary). */
export type InboxItem = CaseSummary;

export interface Inbox {
  items: InboxItem[];
  total?: number;
  /** Today's civil date in Asia/Shanghai, as the server counts deadlines. */
  today?: string;
}

/** GET /api/inbox; a 404 (the case engine not deployed) reads as an empty inbox. */
export function useInbox() {
  return useQuery({
    queryKey: ['inbox'],
    queryFn: async (): Promise<Inbox> => {
      try {
        return await api.get<Inbox>('/api/inbox');
      } catch (e) {
        if (isApiError(e) && e.status === 404) return { items: [] };
        throw e;
      }
    },
  });
}
