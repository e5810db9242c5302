// The API client: JSON over fetch, same-origin cookies, the CSRF header on writes, the session's
// idle expiry read from every response, and ApiError for every failure.
import { ApiError, filenameFromContentDisposition, loginUrlAfter, networkError, toApiError, toQueryString } from './api-errors';
import { sessionStore } from './session';

export { ApiError, isApiError, loginUrlAfter, toFormFields, safeNextPath } from './api-errors';

const CSRF_COOKIE = 'relief_csrf';
const CSRF_HEADER = 'X-CSRF-Token';
const IDLE_HEADER = 'X-Session-Idle-Expires';

export type Query = Record<string, string | number | boolean | null | undefined | (string | number)[]>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  signal?: AbortSignal;
  /**
   * What a 401 means: 'redirect' (the default) sends the user to the login page, keeping the
   * intended path; 'throw' only throws (the login form, the first GET /api/me).
   */
  on401?: 'redirect' | 'throw';
}

type UnauthorizedHandler = (error: ApiError) => void;

let unauthorizedHandler: UnauthorizedHandler = (error) => {
  window.location.assign(loginUrlAfter(error, window.location));
};

/** The CSRF token from GET /api/me, used when the cookie cannot be read. */
let csrfFallback: string | undefined;

/** Remembers the session's CSRF token (GET /api/me and login return it as `csrfToken`). */
export function setCsrfToken(token: string | null | undefined): void {
  csrfFallback = token ?? undefined;
}

/** Lets the router take over what happens on a 401 (navigate without reloading the app). */
export function setUnauthorizedHandler(handler: UnauthorizedHandler): void {
  unauthorizedHandler = handler;
}

/** The value of a readable cookie, or undefined. */
export function readCookie(name: string): string | undefined {
  if (typeof document === 'undefined') return undefined;
  for (const part of document.cookie.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    if (part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return undefined;
}

// 503 BUSY (another process held the database) and 503 OVERLOADED (the server is behind and
// refused at the door) both mean nothing of the request was done, so sending it again is safe,
// writes included. On the opening day of a window that is what a person would do by hand; the
// client does it for them, after the Retry-After the server gives, with jitter so that the
// refused do not all come back in the same instant.
const NOTHING_DONE = new Set(['BUSY', 'OVERLOADED']);

/**
 * 503 DB_UNAVAILABLE: the server's connection to PostgreSQL broke under the request, and whether
 * a COMMIT on its way took effect cannot be known. Sent again only what cannot take effect twice:
 * a read, a submission with its idempotency key (answered with the first if that was stored), a
 * decision with the version it was made on (refused as stale if it was applied).
 */
function safeToSendAgain(method: string, options: RequestOptions): boolean {
  if (method === 'GET' || method === 'HEAD') return true;
  const body = options.body as Record<string, unknown> | undefined;
  return typeof body === 'object' && body !== null && ('idempotencyKey' in body || 'version' in body);
}

function sendAgain(method: string, options: RequestOptions, code: unknown): boolean {
  return typeof code === 'string' && (NOTHING_DONE.has(code) || (code === 'DB_UNAVAILABLE' && safeToSendAgain(method, options)));
}

/** Tries after the first; the answer after the last is shown as it is. */
export const RETRIES_WHEN_REFUSED = 3;
const MAX_RETRY_WAIT_SECONDS = 10;

/** How long to wait before trying again: Retry-After (seconds, 1 when absent), at most 10, plus up to half again. */
export function retryDelayMs(retryAfter: string | null, random: () => number = Math.random): number {
  const seconds = Number(retryAfter);
  const base = Number.isFinite(seconds) && seconds > 0 ? Math.min(seconds, MAX_RETRY_WAIT_SECONDS) : 1;
  return Math.round(base * 1000 * (1 + random() / 2));
}

function waitFor(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(new DOMException('Aborted', 'AbortError'));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

async function fetchOnce(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
  const headers: Record<string, string> = { Accept: accept };
  // A FormData body (a file upload) sets its own multipart Content-Type with the boundary.
  const isForm = typeof FormData !== 'undefined' && options.body instanceof FormData;
  if (options.body !== undefined && !isForm) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') {
    const token = readCookie(CSRF_COOKIE) ?? csrfFallback;
    if (token) headers[CSRF_HEADER] = token;
  }
  let response: Response;
  try {
    response = await fetch(path + toQueryString(options.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: options.body === undefined ? undefined : isForm ? (options.body as FormData) : JSON.stringify(options.body),
      signal: options.signal,
    });
  } catch (e) {
    if (e instanceof DOMException && e.name === 'AbortError') throw e;
    throw networkError();
  }
  sessionStore.noteResponse(response.headers.get(IDLE_HEADER), response.headers.get('Date'), Date.now());
  return response;
}

async function send(method: string, path: string, options: RequestOptions, accept: string): Promise<Response> {
  for (let attempt = 0; ; attempt++) {
    const response = await fetchOnce(method, path, options, accept);
    if (response.ok) return response;
    const body: unknown = await response.json().catch(() => undefined);
    const code = (body as { error?: { code?: unknown } } | undefined)?.error?.code;
    if (response.status === 503 && sendAgain(method, options, code) && attempt < RETRIES_WHEN_REFUSED) {
      await waitFor(retryDelayMs(response.headers.get('Retry-After')), options.signal);
      continue;
    }
    const error = toApiError(response.status, body);
    if (response.status === 401 && (options.on401 ?? 'redirect') === 'redirect') {
      sessionStore.clear();
      unauthorizedHandler(error);
    }
    throw error;
  }
}

/** Sends a JSON request and returns the parsed JSON response (undefined for 204). Throws ApiError. */
export async function apiRequest<T>(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send(method, path, options, 'application/json');
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, options: Omit<RequestOptions, 'query' | 'body'> = {}) => apiRequest<T>('GET', path, { ...options, query }),
  post: <T>(path: string, body?: unknown, options: Omit<RequestOptions, 'body'> = {}) => apiRequest<T>('POST', path, { ...options, body: body ?? {} }),
  patch: <T>(path: string, body: unknown, options: Omit<RequestOptions, 'body'> = {}) => apiRequest<T>('PATCH', path, { ...options, body }),
  delete: <T>(path: string, options: Omit<RequestOptions, 'body'> = {}) => apiRequest<T>('DELETE', path, options),
  /** POSTs multipart/form-data (a file and its fields) with the CSRF header; answers like `post`. */
  upload: <T>(path: string, form: FormData, options: Omit<RequestOptions, 'body'> = {}) => apiRequest<T>('POST', path, { ...options, body: form }),
};

/**
 * Downloads a file (an Excel export): GET with the filters as query string, then saves the blob
 * under the name from Content-Disposition, else `fallbackName`. Throws ApiError like apiRequest.
 */
export async function downloadFile(path: string, query: Query | undefined, fallbackName: string): Promise<string> {
  const response = await send('GET', path, { query }, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, application/octet-stream, */*');
  const blob = await response.blob();
  const filename = filenameFromContentDisposition(response.headers.get('Content-Disposition')) ?? fallbackName;
  const url = URL.createObjectURL(blob);
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = filename;
    a.style.display = 'none';
    document.body.appendChild(a);
    a.click();
    a.remove();
  } finally {
    // Revoke later, not at once: some browsers start reading the blob only after the click handler returns.
    setTimeout(() => URL.revokeObjectURL(url), 30_000);
  }
  return filename;
}
