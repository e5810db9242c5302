import { describe, expect, it } from 'vitest';
import { formatCountdown, SessionStore, sessionState, type SessionTimes } from './session';

const T0 = Date.parse('2020-02-07T06:00:00Z');
const MIN = 60_000;
const times = (idleIn: number | null, absoluteIn: number | null, skewMs = 0): SessionTimes => ({
  idleExpiresAt: idleIn === null ? null : T0 + idleIn,
  absoluteExpiresAt: absoluteIn === null ? null : T0 + absoluteIn,
  skewMs,
});

describe('sessionState', () => {
  it.each([
    ['nothing known', times(null, null), { kind: 'unknown' }],
    ['30 minutes left', times(30 * MIN, 12 * 60 * MIN), { kind: 'ok' }],
    ['just over 5 minutes left', times(5 * MIN + 1, 12 * 60 * MIN), { kind: 'ok' }],
    ['5 minutes left', times(5 * MIN, 12 * 60 * MIN), { kind: 'idle-warning', remainingMs: 5 * MIN }],
    ['idle expired', times(0, 12 * 60 * MIN), { kind: 'expired', reason: 'idle' }],
    ['absolute limit near', times(30 * MIN, 8 * MIN), { kind: 'absolute-warning', remainingMs: 8 * MIN }],
    ['absolute before idle', times(4 * MIN, 3 * MIN), { kind: 'absolute-warning', remainingMs: 3 * MIN }],
    ['idle before absolute', times(2 * MIN, 9 * MIN), { kind: 'idle-warning', remainingMs: 2 * MIN }],
    ['absolute passed', times(10 * MIN, -1), { kind: 'expired', reason: 'absolute' }],
  ])('%s', (_, t, expected) => {
    expect(sessionState(T0, t)).toEqual(expected);
  });

  it('reads the server clock through the skew', () => {
    // The browser is 2 minutes behind the server: 6 minutes left by the server's clock is 4.
    expect(sessionState(T0, times(6 * MIN, null, 2 * MIN))).toEqual({ kind: 'idle-warning', remainingMs: 4 * MIN });
  });
});

describe('formatCountdown', () => {
  it.each([
    [5 * MIN, '05:00'],
    [299_500, '05:00'],
    [61_000, '01:01'],
    [999, '00:01'],
    [0, '00:00'],
    [-5000, '00:00'],
    [75 * MIN, '75:00'],
  ])('%s ms → %s', (ms, text) => {
    expect(formatCountdown(ms)).toBe(text);
  });
});

describe('SessionStore', () => {
  function memoryStorage() {
    const data = new Map<string, string>();
    return { getItem: (k: string) => data.get(k) ?? null, setItem: (k: string, v: string) => void data.set(k, v), removeItem: (k: string) => void data.delete(k), data };
  }

  it('takes the idle expiry from response headers and shares it', () => {
    const storage = memoryStorage();
    const store = new SessionStore(storage);
    let notified = 0;
    store.subscribe(() => notified++);
    store.setSession({ idleExpiresAt: '2020-02-07T06:30:00Z', absoluteExpiresAt: '2020-02-07T18:00:00Z' });
    store.noteResponse('2020-02-07T06:35:00Z', null, T0);
    expect(store.getSnapshot()).toMatchObject({ idleExpiresAt: Date.parse('2020-02-07T06:35:00Z'), absoluteExpiresAt: Date.parse('2020-02-07T18:00:00Z') });
    expect(notified).toBe(2);
    // A second tab starts from what the first one stored.
    const other = new SessionStore(storage);
    expect(other.getSnapshot().idleExpiresAt).toBe(Date.parse('2020-02-07T06:35:00Z'));
  });

  it('estimates clock skew from the Date header, ignoring sub-2-second noise', () => {
    const store = new SessionStore();
    store.noteResponse(null, 'Fri, 07 Feb 2020 06:00:01 GMT', T0);
    expect(store.getSnapshot().skewMs).toBe(0);
    store.noteResponse(null, 'Fri, 07 Feb 2020 06:02:00 GMT', T0);
    expect(store.getSnapshot().skewMs).toBe(2 * MIN);
  });

  it('ignores unparseable headers and forgets everything on clear', () => {
    const storage = memoryStorage();
    const store = new SessionStore(storage);
    store.noteResponse('2020-02-07T06:30:00Z', null, T0);
    store.noteResponse('garbage', null, T0);
    expect(store.getSnapshot().idleExpiresAt).toBe(Date.parse('2020-02-07T06:30:00Z'));
    store.clear();
    expect(store.getSnapshot()).toEqual({ idleExpiresAt: null, absoluteExpiresAt: null, skewMs: 0 });
    expect(storage.data.size).toBe(0);
  });
});
