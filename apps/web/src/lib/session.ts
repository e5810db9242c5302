// The browser's view of the server session: when it expires for idleness (30 minutes, renewed
// by every request) and absolutely (12 hours after login). Fed from GET /api/me and from the
// `X-Session-Idle-Expires` header of every API response; shared between tabs through
// localStorage so a keepalive in one tab quiets the warning in the others.

/** Warn this long before the idle expiry. */
export const IDLE_WARNING_MS = 5 * 60 * 1000;
/** Warn this long before the absolute limit. */
export const ABSOLUTE_WARNING_MS = 10 * 60 * 1000;

export interface SessionTimes {
  /** Epoch ms of the idle expiry, on the server's clock. */
  idleExpiresAt: number | null;
  /** Epoch ms of the absolute expiry, on the server's clock. */
  absoluteExpiresAt: number | null;
  /** Server clock minus browser clock, estimated from the `Date` response header. */
  skewMs: number;
}

export type SessionState =
  | { kind: 'unknown' }
  | { kind: 'ok' }
  | { kind: 'idle-warning'; remainingMs: number }
  | { kind: 'absolute-warning'; remainingMs: number }
  | { kind: 'expired'; reason: 'idle' | 'absolute' };

/**
 * What the session watcher should show at browser time `now`: a warning for whichever limit
 * comes first once it is within its warning window, or that the session has expired.
 */
export function sessionState(now: number, times: SessionTimes): SessionState {
  const serverNow = now + times.skewMs;
  const { idleExpiresAt: idle, absoluteExpiresAt: absolute } = times;
  if (idle === null && absolute === null) return { kind: 'unknown' };
  if (absolute !== null && serverNow >= absolute) return { kind: 'expired', reason: 'absolute' };
  if (idle !== null && serverNow >= idle) return { kind: 'expired', reason: 'idle' };
  const idleLeft = idle === null ? Infinity : idle - serverNow;
  const absoluteLeft = absolute === null ? Infinity : absolute - serverNow;
  if (absoluteLeft <= idleLeft && absoluteLeft <= ABSOLUTE_WARNING_MS) return { kind: 'absolute-warning', remainingMs: absoluteLeft };
  if (idleLeft <= IDLE_WARNING_MS) return { kind: 'idle-warning', remainingMs: idleLeft };
  return { kind: 'ok' };
}

/** A countdown as mm:ss (minutes may exceed 59): 299_500 → '05:00', 61_000 → '01:01'. */
export function formatCountdown(ms: number): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const minutes = Math.floor(total / 60);
  const seconds = total % 60;
  return `${String(minutes).padStart(2, '0')}:${String(seconds).padStart(2, '0')}`;
}

function parseInstant(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

type Listener = () => void;

const STORAGE_KEY = 'relief.session';

/** A small external store (for React's useSyncExternalStore) holding the session times. */
export class SessionStore {
  private times: SessionTimes = { idleExpiresAt: null, absoluteExpiresAt: null, skewMs: 0 };
  private readonly listeners = new Set<Listener>();

  constructor(private readonly storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>) {
    const saved = storage?.getItem(STORAGE_KEY);
    if (saved) this.readShared(saved);
  }

  getSnapshot = (): SessionTimes => this.times;

  subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Records the instants from GET /api/me (either may be missing). */
  setSession(session: { idleExpiresAt?: string | null; absoluteExpiresAt?: string | null } | undefined): void {
    if (!session) return;
    this.update({
      idleExpiresAt: parseInstant(session.idleExpiresAt) ?? this.times.idleExpiresAt,
      absoluteExpiresAt: parseInstant(session.absoluteExpiresAt) ?? this.times.absoluteExpiresAt,
    });
  }

  /** Records the `X-Session-Idle-Expires` header and, when given, the `Date` header for clock skew. */
  noteResponse(idleHeader: string | null, dateHeader: string | null, browserNow: number): void {
    const idle = parseInstant(idleHeader);
    const serverDate = parseInstant(dateHeader);
    // The Date header has one-second resolution; ignore skews below two seconds as noise.
    const skew = serverDate === null ? this.times.skewMs : Math.abs(serverDate - browserNow) < 2000 ? 0 : serverDate - browserNow;
    if (idle === null && skew === this.times.skewMs) return;
    this.update({ idleExpiresAt: idle ?? this.times.idleExpiresAt, skewMs: skew });
  }

  /** Forgets the session (logout, 401). */
  clear(): void {
    this.times = { idleExpiresAt: null, absoluteExpiresAt: null, skewMs: 0 };
    this.storage?.removeItem(STORAGE_KEY);
    this.emit();
  }

  /** Applies a value another tab wrote (the `storage` event). */
  readShared(value: string | null): void {
    if (value === null) {
      this.times = { idleExpiresAt: null, absoluteExpiresAt: null, skewMs: this.times.skewMs };
      this.emit();
      return;
    }
    try {
      const parsed = JSON.parse(value) as Partial<SessionTimes>;
      const idle = typeof parsed.idleExpiresAt === 'number' ? parsed.idleExpiresAt : null;
      const absolute = typeof parsed.absoluteExpiresAt === 'number' ? parsed.absoluteExpiresAt : null;
      if (idle === this.times.idleExpiresAt && absolute === this.times.absoluteExpiresAt) return;
      this.times = { ...this.times, idleExpiresAt: idle, absoluteExpiresAt: absolute };
      this.emit();
    } catch {
      // Another version of the app wrote something else; keep what we have.
    }
  }

  private update(patch: Partial<SessionTimes>): void {
    const next = { ...this.times, ...patch };
    if (next.idleExpiresAt === this.times.idleExpiresAt && next.absoluteExpiresAt === this.times.absoluteExpiresAt && next.skewMs === this.times.skewMs) {
      return;
    }
    this.times = next;
    this.storage?.setItem(STORAGE_KEY, JSON.stringify({ idleExpiresAt: next.idleExpiresAt, absoluteExpiresAt: next.absoluteExpiresAt }));
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}

export { STORAGE_KEY as SESSION_STORAGE_KEY };

function browserStorage(): Storage | undefined {
  try {
    return typeof window !== 'undefined' ? window.localStorage : undefined;
  } catch {
    return undefined;
  }
}

/** The app's one session store. */
export const sessionStore = new SessionStore(browserStorage());

if (typeof window !== 'undefined') {
  window.addEventListener('storage', (e) => {
    if (e.key === STORAGE_KEY) sessionStore.readShared(e.newValue);
  });
}
