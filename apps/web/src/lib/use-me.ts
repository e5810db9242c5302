import { useQuery } from '@tanstack/react-query';
import { api, setCsrfToken } from './api';
import { normaliseMe, type Me } from './me';
import { sessionStore } from './session';

export const ME_QUERY_KEY = ['me'] as const;

/**
 * Takes in a body shaped like GET /api/me (login, keepalive and password change answer with one
 * too): remembers the session times and the CSRF token, and returns the user.
 */
export function acceptMe(raw: unknown): Me {
  const me = normaliseMe(raw);
  sessionStore.setSession(me.session);
  if (me.csrfToken) setCsrfToken(me.csrfToken);
  return me;
}

/** Fetches GET /api/me (a 401 is thrown, not redirected: the route guard decides). */
export async function fetchMe(): Promise<Me> {
  return acceptMe(await api.get<unknown>('/api/me', undefined, { on401: 'throw' }));
}

/** The signed-in user; `data` is undefined while loading or when not signed in. */
export function useMe() {
  return useQuery({ queryKey: ME_QUERY_KEY, queryFn: fetchMe, staleTime: 5 * 60 * 1000, retry: false });
}
