import { api } from '../../../lib/api';

export interface LoginInput {
  username: string;
  password: string;
}

/** POST /api/auth/login. A wrong password is a 401 whose message the form shows. */
export function login(input: LoginInput): Promise<unknown> {
  return api.post<unknown>('/api/auth/login', input, { on401: 'throw' });
}

/** POST /api/auth/logout; never redirects. */
export function logout(): Promise<unknown> {
  return api.post<unknown>('/api/auth/logout', {}, { on401: 'throw' });
}

/** POST /api/auth/keepalive: renews the idle timeout (the response header carries the new expiry). */
export function keepalive(): Promise<unknown> {
  return api.post<unknown>('/api/auth/keepalive', {});
}
