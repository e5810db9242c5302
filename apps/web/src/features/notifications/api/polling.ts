// When the bell may ask the server again. Every request renews the session's idle timeout, so a
// timer alone would keep an unattended screen signed in for ever; the bell therefore refreshes only
// while the page is visible, at most once a minute, and only after the user has clicked, typed or
// scrolled (or come back to the tab) since the last refresh. An untouched screen still idles out.

/** The shortest time between two refreshes of the unread count. */
export const POLL_INTERVAL_MS = 60_000;

export interface PollState {
  /** Now, epoch ms. */
  now: number;
  /** When the unread count was last fetched (0 if never). */
  lastFetchAt: number;
  /** When the user last clicked, typed, scrolled or returned to the tab. */
  lastActivityAt: number;
  /** Whether the page is visible (document.visibilityState). */
  visible: boolean;
}

/** Whether to refresh now: visible, a minute since the last fetch, and the user active since then. */
export function shouldPoll(s: PollState, intervalMs: number = POLL_INTERVAL_MS): boolean {
  return s.visible && s.now - s.lastFetchAt >= intervalMs && s.lastActivityAt > s.lastFetchAt;
}

/** A notification's in-app target: its link when it is a path of this app, else its case, else none. */
export function notificationTarget(n: { link: string | null; caseId: number | null }): string | null {
  if (n.link && n.link.startsWith('/') && !n.link.startsWith('//') && !n.link.startsWith('/\\')) return n.link;
  if (n.caseId !== null) return `/cases/${n.caseId}`;
  return null;
}
