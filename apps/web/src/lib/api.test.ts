import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { api, isApiError, RETRIES_WHEN_REFUSED, retryDelayMs } from './api';

// The server's 503 BUSY and OVERLOADED say nothing of the request was done: the client sends it
// again after Retry-After, and shows any other failure at once. After 503 DB_UNAVAILABLE it sends
// again only what cannot take effect twice.

const refused = (code: string, retryAfter = '2') => new Response(JSON.stringify({ error: { code, message: '系统繁忙，本次请求未处理，请稍后重试', details: null } }), {
  status: 503, headers: { 'Content-Type': 'application/json', 'Retry-After': retryAfter },
});
const created = () => new Response(JSON.stringify({ id: 7 }), { status: 201, headers: { 'Content-Type': 'application/json' } });

describe('retrying what the server refused without doing it', () => {
  let fetchMock: ReturnType<typeof vi.fn>;
  beforeEach(() => {
    vi.useFakeTimers();
    fetchMock = vi.fn();
    vi.stubGlobal('fetch', fetchMock);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends a submission again after Retry-After when refused as OVERLOADED, BUSY or DB_UNAVAILABLE, and answers with its result', async () => {
    fetchMock.mockResolvedValueOnce(refused('OVERLOADED')).mockResolvedValueOnce(refused('BUSY', '1')).mockResolvedValueOnce(refused('DB_UNAVAILABLE', '1')).mockResolvedValueOnce(created());
    const answer = api.post<{ id: number }>('/api/bridge-loans', { idempotencyKey: 'k-1', submit: true });
    await vi.advanceTimersByTimeAsync(0);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    // Not before Retry-After (2 s), and within it plus half again.
    await vi.advanceTimersByTimeAsync(1_999);
    expect(fetchMock).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1_001);
    expect(fetchMock).toHaveBeenCalledTimes(2);
    await vi.advanceTimersByTimeAsync(1_500);
    expect(fetchMock).toHaveBeenCalledTimes(3);
    await vi.advanceTimersByTimeAsync(1_500);
    await expect(answer).resolves.toEqual({ id: 7 });
    expect(fetchMock).toHaveBeenCalledTimes(4);
    // The same request each time: same method, path and body (the idempotency key with it).
    const bodies = fetchMock.mock.calls.map(([url, init]) => [url, (init as RequestInit).method, (init as RequestInit).body]);
    expect(new Set(bodies.map((b) => JSON.stringify(b))).size).toBe(1);
  });

  it(`gives up after ${RETRIES_WHEN_REFUSED} more tries and shows the server's Chinese message`, async () => {
    fetchMock.mockImplementation(async () => refused('OVERLOADED', '1'));
    const answer = api.get('/api/me').catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(20_000);
    const error = await answer;
    expect(isApiError(error) && error.status).toBe(503);
    expect(isApiError(error) && error.message).toBe('系统繁忙，本次请求未处理，请稍后重试');
    expect(fetchMock).toHaveBeenCalledTimes(1 + RETRIES_WHEN_REFUSED);
  });

  it('sends again after DB_UNAVAILABLE only what cannot take effect twice: reads, keyed submissions, versioned decisions', async () => {
    fetchMock.mockImplementation(async () => refused('DB_UNAVAILABLE', '1'));
    const tries = async (send: () => Promise<unknown>) => {
      fetchMock.mockClear();
      const answer = send().catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(20_000);
      expect(await answer).toMatchObject({ status: 503 });
      return fetchMock.mock.calls.length;
    };
    expect(await tries(() => api.get('/api/me'))).toBe(1 + RETRIES_WHEN_REFUSED);
    expect(await tries(() => api.post('/api/bridge-loans', { idempotencyKey: 'k-2', submit: true }))).toBe(1 + RETRIES_WHEN_REFUSED);
    expect(await tries(() => api.post('/api/bridge-loans/5/actions/accept', { version: 3, feeRatePpm: 800 }))).toBe(1 + RETRIES_WHEN_REFUSED);
    // A consultation carries neither: it might have been stored, so the person decides.
    expect(await tries(() => api.post('/api/bridge-loans/consultations', { question: '续贷承诺书需要哪一级盖章？' }))).toBe(1);
  });

  it('does not send again a request refused for any other reason, a 503 without those codes included', async () => {
    fetchMock.mockResolvedValueOnce(new Response(JSON.stringify({ error: { code: 'CONFLICT', message: '该合同刚被另一份申请占用', details: null } }), { status: 409 }));
    await expect(api.post('/api/interest-subsidies', {})).rejects.toMatchObject({ status: 409 });
    fetchMock.mockResolvedValueOnce(new Response('upstream unavailable', { status: 503 }));
    await expect(api.get('/api/me')).rejects.toMatchObject({ status: 503 });
    expect(fetchMock).toHaveBeenCalledTimes(2);
  });

  it('stops waiting when the caller aborts', async () => {
    fetchMock.mockResolvedValue(refused('OVERLOADED', '5'));
    const controller = new AbortController();
    const answer = api.get('/api/me', undefined, { signal: controller.signal }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(100);
    controller.abort();
    expect(await answer).toMatchObject({ name: 'AbortError' });
    expect(fetchMock).toHaveBeenCalledTimes(1);
  });
});

describe('retryDelayMs', () => {
  it('waits Retry-After seconds plus up to half again, 1 s when absent or unreadable, at most 10 s before jitter', () => {
    expect(retryDelayMs('2', () => 0)).toBe(2_000);
    expect(retryDelayMs('2', () => 0.999)).toBe(2_999);
    expect(retryDelayMs(null, () => 0)).toBe(1_000);
    expect(retryDelayMs('soon', () => 0)).toBe(1_000);
    expect(retryDelayMs('600', () => 0)).toBe(10_000);
  });
});
