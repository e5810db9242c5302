import { useQueryClient } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { sessionStore } from '../../../lib/session';
import { logout } from './auth.api';

/** Logs out on the server (ignoring failures: the session may already be gone) and goes to /login. */
export function useLogout(): (query?: string) => Promise<void> {
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  return useCallback(
    async (query = '') => {
      try {
        await logout();
      } catch {
        // Already logged out or offline: the local state is cleared all the same.
      }
      sessionStore.clear();
      queryClient.clear();
      await navigate(`/login${query}`, { replace: true });
    },
    [navigate, queryClient],
  );
}
