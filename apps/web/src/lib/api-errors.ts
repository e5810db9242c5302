// Pure parts of the API client: turning an error response into an ApiError, its details into
// form fields, and a Content-Disposition header into a file name. No fetch, no DOM.

/** One field error as the server sends it in `error.details`. */
export interface FieldErrorDetail {
  path: string;
  message: string;
}

/** An error from the API, with the server's Chinese message meant to be shown as is. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  /** The field errors in `details`, if it is an array of `{ path, message }`. */
  get fieldErrors(): FieldErrorDetail[] {
    return fieldErrorsOf(this.details);
  }
}

export function isApiError(e: unknown): e is ApiError {
  return e instanceof ApiError;
}

/** Messages for responses that carry no error body of ours (a proxy's 502, a lost connection). */
function fallbackMessage(status: number): string {
  if (status === 0) return '网络连接失败，请检查网络后重试';
  if (status === 401) return '登录已失效，请重新登录';
  if (status === 403) return '您没有执行此操作的权限';
  if (status === 404) return '请求的内容不存在';
  if (status === 409) return '数据已被他人修改，请刷新后重试';
  if (status === 413) return '提交的内容过大';
  if (status === 429) return '操作过于频繁，请稍后重试';
  if (status >= 500) return `服务器暂时无法处理请求（${status}），请稍后重试`;
  return `请求未成功（${status}）`;
}

/**
 * Builds the ApiError for a non-2xx response from its status and parsed body (or undefined when
 * the body was not JSON). Expects `{ error: { code, message, details } }`; anything else falls
 * back to a generic Chinese message for the status.
 */
export function toApiError(status: number, body: unknown): ApiError {
  const err = isRecord(body) && isRecord(body.error) ? body.error : undefined;
  const code = typeof err?.code === 'string' && err.code ? err.code : `http_${status}`;
  const message = typeof err?.message === 'string' && err.message ? err.message : fallbackMessage(status);
  return new ApiError(status, code, message, err?.details);
}

/** The ApiError for a request that got no response at all. */
export function networkError(): ApiError {
  return new ApiError(0, 'network', fallbackMessage(0));
}

/** Picks the `{ path, message }` entries out of `details`; ignores anything else. */
export function fieldErrorsOf(details: unknown): FieldErrorDetail[] {
  if (!Array.isArray(details)) return [];
  return details.flatMap((d): FieldErrorDetail[] =>
    isRecord(d) && typeof d.path === 'string' && typeof d.message === 'string' ? [{ path: d.path, message: d.message }] : [],
  );
}

/**
 * Turns a server path into an antd Form name path. Accepts JSON pointers ('/items/0/amount'),
 * dotted paths ('items.0.amount', 'items[0].amount') and a leading 'body' segment.
 */
export function toNamePath(path: string): (string | number)[] {
  const segments = path
    .replace(/\[(\d+)\]/g, '.$1')
    .split(/[./]/)
    .filter((s) => s !== '');
  if (segments[0] === 'body') segments.shift();
  return segments.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

/** The argument for antd `form.setFields`: one entry per field, messages of one field together. */
export function toFormFields(details: unknown): { name: (string | number)[]; errors: string[] }[] {
  const byField = new Map<string, { name: (string | number)[]; errors: string[] }>();
  for (const { path, message } of fieldErrorsOf(details)) {
    const name = toNamePath(path);
    if (name.length === 0) continue;
    const key = JSON.stringify(name);
    const entry = byField.get(key) ?? { name, errors: [] };
    entry.errors.push(message);
    byField.set(key, entry);
  }
  return [...byField.values()];
}

/**
 * The file name in a Content-Disposition header; prefers RFC 5987 `filename*=UTF-8''…` (how
 * Chinese names travel) over `filename="…"`. Returns null when there is none.
 */
export function filenameFromContentDisposition(header: string | null | undefined): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*([^;]+)/i.exec(header);
  if (star?.[1]) {
    const value = star[1].trim().replace(/^"(.*)"$/, '$1');
    const encoded = value.replace(/^[\w-]+'[^']*'/, '');
    try {
      const decoded = decodeURIComponent(encoded);
      if (decoded) return sanitizeFilename(decoded);
    } catch {
      // A malformed percent-encoding: fall through to the plain filename parameter.
    }
  }
  const plain = /filename\s*=\s*("((?:[^"\\]|\\.)*)"|[^;]+)/i.exec(header);
  if (plain) {
    const value = plain[2] !== undefined ? plain[2].replace(/\\(.)/g, '$1') : (plain[1] ?? '').trim();
    if (value) return sanitizeFilename(value);
  }
  return null;
}

/** Strips directory parts a hostile header could carry. */
function sanitizeFilename(name: string): string {
  return name.replace(/^.*[\\/]/, '');
}

/** Builds a query string from filters, leaving out empty values; arrays repeat the key. */
export function toQueryString(query: Record<string, unknown> | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    if (Array.isArray(value)) {
      for (const v of value) if (v !== undefined && v !== null && v !== '') params.append(key, String(v));
    } else {
      params.append(key, String(value));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** The login URL after a 401: keeps the intended path, and says so when the session expired. */
export function loginUrlAfter(error: ApiError | undefined, location: { pathname: string; search: string }): string {
  const next = encodeURIComponent(location.pathname + location.search);
  return error?.code === 'SESSION_EXPIRED' ? `/login?reason=expired&next=${next}` : `/login?next=${next}`;
}

/** A relative in-app path that is safe to navigate to after login, else '/'. */
export function safeNextPath(next: string | null | undefined): string {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  if (next.startsWith('/login') || next.startsWith('/register')) return '/';
  return next;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
