import type { NotificationView } from '@relief/domain';
import { keepPreviousData, useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import { api } from '../../../lib/api';
import { POLL_INTERVAL_MS, shouldPoll } from './polling';

export type { NotificationView };

/** GET /api/notifications: a page of my messages and, whatever the filter, how many are unread. */
export interface NotificationPage {
  items: NotificationView[];
  total: number;
  page: number;
  pageSize: number;
  unread: number;
}

const KEY = ['notifications'] as const;

/** The list page: all messages or only unread ones, newest first. */
export function useNotifications(unreadOnly: boolean, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...KEY, 'list', unreadOnly, page, pageSize],
    queryFn: () => api.get<NotificationPage>('/api/notifications', { unread: unreadOnly ? 'true' : undefined, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** How often the bell checks whether a refresh is due (the refresh itself is at most once a minute). */
const CHECK_EVERY_MS = 10_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'wheel', 'touchstart'] as const;

/** The bell: the five latest unread messages and the unread count, refreshed politely (see polling.ts). */
export function useUnreadPeek() {
  const query = useQuery({
    queryKey: [...KEY, 'peek'],
    queryFn: () => api.get<NotificationPage>('/api/notifications', { unread: 'true', pageSize: 5 }),
    staleTime: POLL_INTERVAL_MS,
  });
  const lastFetchAt = useRef(0);
  lastFetchAt.current = Math.max(query.dataUpdatedAt, query.errorUpdatedAt);
  const refetch = query.refetch;

  useEffect(() => {
    let lastActivityAt = Date.now();
    const markActivity = () => {
      lastActivityAt = Date.now();
    };
    const tick = () => {
      const visible = document.visibilityState === 'visible';
      if (shouldPoll({ now: Date.now(), lastFetchAt: lastFetchAt.current, lastActivityAt, visible })) void refetch();
    };
    const onVisibility = () => {
      if (document.visibilityState !== 'visible') return;
      // Coming back to the tab is the user's doing: refresh now if the count is a minute old.
      markActivity();
      tick();
    };
    for (const e of ACTIVITY_EVENTS) window.addEventListener(e, markActivity, { passive: true, capture: true });
    document.addEventListener('visibilitychange', onVisibility);
    const id = window.setInterval(tick, CHECK_EVERY_MS);
    return () => {
      for (const e of ACTIVITY_EVENTS) window.removeEventListener(e, markActivity, { capture: true });
      document.removeEventListener('visibilitychange', onVisibility);
      window.clearInterval(id);
    };
  }, [refetch]);

  return query;
}

/** Marks one message read (POST /api/notifications/:id/read) or all (POST /api/notifications/read-all), then refreshes bell and list. */
export function useMarkRead() {
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: KEY });
  return {
    markRead: async (id: number) => {
      await api.post(`/api/notifications/${id}/read`);
      await refresh();
    },
    markAllRead: async () => {
      await api.post('/api/notifications/read-all');
      await refresh();
    },
  };
}
