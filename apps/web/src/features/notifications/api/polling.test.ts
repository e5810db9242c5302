import { describe, expect, it } from 'vitest';
import { notificationTarget, POLL_INTERVAL_MS, shouldPoll } from './polling';

describe('shouldPoll', () => {
  const fetched = 1_000_000;
  const base = { now: fetched + POLL_INTERVAL_MS, lastFetchAt: fetched, lastActivityAt: fetched + 5_000, visible: true };

  it('refreshes a visible page a minute after the last fetch when the user acted since', () => {
    expect(shouldPoll(base)).toBe(true);
  });

  it('never refreshes more often than once a minute', () => {
    expect(shouldPoll({ ...base, now: fetched + POLL_INTERVAL_MS - 1 })).toBe(false);
  });

  it('leaves a hidden tab alone', () => {
    expect(shouldPoll({ ...base, visible: false })).toBe(false);
  });

  it('leaves an untouched screen alone, so the session can idle out', () => {
    expect(shouldPoll({ ...base, now: fetched + 30 * 60_000, lastActivityAt: fetched - 1 })).toBe(false);
    expect(shouldPoll({ ...base, lastActivityAt: fetched })).toBe(false);
  });
});

describe('notificationTarget', () => {
  it('follows in-app links and falls back to the case', () => {
    expect(notificationTarget({ link: '/cases/7', caseId: 7 })).toBe('/cases/7');
    expect(notificationTarget({ link: null, caseId: 9 })).toBe('/cases/9');
    expect(notificationTarget({ link: null, caseId: null })).toBeNull();
  });

  it('ignores links that would leave the app', () => {
    expect(notificationTarget({ link: 'https://example.com/', caseId: null })).toBeNull();
    expect(notificationTarget({ link: '//example.com/x', caseId: 3 })).toBe('/cases/3');
  });
});
