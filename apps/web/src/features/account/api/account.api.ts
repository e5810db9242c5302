import { api } from '../../../lib/api';

/** POST /api/me/password: ends the user's other sessions on success. */
export const changePassword = (input: { currentPassword: string; newPassword: string }) => api.post<unknown>('/api/me/password', input);
