import { ROLES, type Role, type UserView } from '@relief/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../../lib/api';

export { ROLES, type Role };
export const USER_STATUSES: readonly UserView['status'][] = ['active', 'disabled', 'pending'];

/** A user as the list shows it; `version` is sent back with every change (optimistic locking). */
export type UserRow = UserView;

export interface UserFilters {
  q?: string;
  organisationId?: string;
  role?: string;
  status?: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}

export const USERS_KEY = ['users'] as const;

/** GET /api/users?q=&organisationId=&role=&status=&page=&pageSize= */
export function useUsers(filters: UserFilters, page: number, pageSize: number) {
  return useQuery({
    queryKey: [...USERS_KEY, filters, page, pageSize],
    queryFn: () => api.get<Page<UserRow>>('/api/users', { ...filters, page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

export interface CreateUserInput {
  username: string;
  displayName: string;
  organisationId: number;
  roles: Role[];
  password: string;
  phone?: string;
}

export const createUser = (input: CreateUserInput) => api.post<UserRow>('/api/users', input);

export const updateUser = (id: UserRow['id'], input: { displayName?: string; roles?: Role[]; phone?: string | null; version: number }) =>
  api.patch<UserRow>(`/api/users/${encodeURIComponent(String(id))}`, input);

export const setUserEnabled = (user: Pick<UserRow, 'id' | 'version'>, enabled: boolean) =>
  api.post<UserRow>(`/api/users/${encodeURIComponent(String(user.id))}/${enabled ? 'enable' : 'disable'}`, { version: user.version });

export const resetUserPassword = (id: UserRow['id'], password: string) =>
  api.post<unknown>(`/api/users/${encodeURIComponent(String(id))}/reset-password`, { password });
