import { createHash, randomBytes } from 'node:crypto';
import { isRole, type OrgKind, type Role } from '@relief/domain';
import { type Kysely, sql } from 'kysely';
import { prepared } from '../../db/prepared';
import type { Database } from '../../db/schema';
import type { AppContext } from '../context';

/** The signed-in user as every route sees it (request.auth). */
export interface AuthUser {
  id: number;
  username: string;
  displayName: string;
  roles: Role[];
  organisation: { id: number; name: string; kind: OrgKind; code: string | null; path: string; regionCode: string | null };
  sessionId: string;
  csrfToken: string;
  idleExpiresAt: string;
  absoluteExpiresAt: string;
}

export const SESSION_COOKIE = 'relief_sid';
export const CSRF_COOKIE = 'relief_csrf';
// Writing last_seen_at on every request would turn every read into a write; a minute of slack on
// a 30-minute idle timeout is invisible to users.
const TOUCH_AFTER_MS = 60_000;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

/** Creates a session for a user and returns the cookie token (only its hash is stored). */
export async function createSession(ctx: AppContext, userId: number, meta: { ip?: string; userAgent?: string }) {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const now = ctx.clock.now();
  await ctx.db.insertInto('session').values({
    id: sha256(token),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now.toISOString(),
    last_seen_at: now.toISOString(),
    absolute_expires_at: new Date(now.getTime() + ctx.config.sessionAbsoluteSeconds * 1000).toISOString(),
    ip: meta.ip ?? null,
    user_agent: meta.userAgent?.slice(0, 300) ?? null,
  }).execute();
  return { token, csrfToken };
}

export type SessionLookup = { status: 'ok'; user: AuthUser } | { status: 'expired' | 'missing' | 'disabled' };

/**
 * Loads the session behind a cookie token with its user, organisation and roles, enforcing the
 * idle and absolute limits, and refreshes its idle clock (at most once a minute).
 */
export async function loadSession(ctx: AppContext, token: string): Promise<SessionLookup> {
  const id = sha256(token);
  // One query for session, user, organisation and roles, compiled once.
  const [row] = await sessionQuery(ctx.db, [id]);
  if (!row || row.revoked_at) return { status: 'missing' };
  const now = ctx.clock.now();
  const idleMs = ctx.config.sessionIdleSeconds * 1000;
  const lastSeen = new Date(row.last_seen_at).getTime();
  if (now.getTime() - lastSeen > idleMs || now.toISOString() >= row.absolute_expires_at) return { status: 'expired' };
  if (row.user_status !== 'active' || row.org_status !== 'active') return { status: 'disabled' };
  let seen = lastSeen;
  if (now.getTime() - lastSeen > TOUCH_AFTER_MS) {
    seen = now.getTime();
    await ctx.db.updateTable('session').set({ last_seen_at: now.toISOString() }).where('id', '=', id).execute();
  }
  const idleExpires = new Date(Math.min(seen + idleMs, new Date(row.absolute_expires_at).getTime()));
  const roles = knownRoles(row.roles?.split(',') ?? [], (unknown) => warnOnce(ctx, row.username, unknown));
  return {
    status: 'ok',
    user: {
      id: row.user_id,
      username: row.username,
      displayName: row.display_name,
      roles,
      organisation: {
        id: row.org_id, name: row.org_name, kind: row.org_kind as OrgKind, code: row.org_code,
        path: row.org_path, regionCode: row.org_region,
      },
      sessionId: id,
      csrfToken: row.csrf_token,
      idleExpiresAt: idleExpires.toISOString(),
      absoluteExpiresAt: row.absolute_expires_at,
    },
  };
}

/**
 * The roles of `stored` the platform knows. Another value (written straight into the database, or
 * left by another version) grants nothing; read as a role, it failed every answer naming the
 * user's roles and locked the user out with a 500. `onUnknown` hears of the others.
 */
export function knownRoles(stored: readonly (string | null)[], onUnknown?: (unknown: string[]) => void): Role[] {
  const unknown = stored.filter((r): r is string => r !== null && !isRole(r));
  if (unknown.length) onUnknown?.(unknown);
  return stored.filter((r): r is Role => r !== null && isRole(r));
}

// Sessions are loaded on every request: the fault is logged once per user and process, for an
// administrator to correct (users → 编辑 → 角色 writes the known roles back).
const warnedUsers = new Set<string>();
function warnOnce(ctx: AppContext, username: string, unknown: string[]): void {
  if (warnedUsers.has(username)) return;
  warnedUsers.add(username);
  ctx.log.warn({ username, roles: unknown }, '用户角色表中有平台不认识的角色，已忽略');
}

// One row: the roles come aggregated (string_agg, in both databases). A row per role repeated
// every other column, and turning each value into a JavaScript string is most of this lookup's
// cost (bench/README.md, session 13). Roles are identifiers without commas; a value written
// straight into the table is split, and whatever is not a known role is ignored (knownRoles).
const sessionQuery = prepared((db: Kysely<Database>) =>
  db.selectFrom('session as s')
    .innerJoin('app_user as u', 'u.id', 's.user_id')
    .innerJoin('organisation as o', 'o.id', 'u.organisation_id')
    .select((eb) => [
      's.csrf_token', 's.last_seen_at', 's.absolute_expires_at', 's.revoked_at',
      'u.id as user_id', 'u.username', 'u.display_name', 'u.status as user_status',
      'o.id as org_id', 'o.name as org_name', 'o.kind as org_kind', 'o.code as org_code', 'o.path as org_path',
      'o.region_code as org_region', 'o.status as org_status',
      eb.selectFrom('user_role as r').select(sql<string | null>`string_agg(r.role, ',' order by r.role)`.as('roles')).whereRef('r.user_id', '=', 'u.id').as('roles'),
    ])
    .where('s.id', '=', '?'));

/** Keeps a session alive now (the "继续使用" button), regardless of the touch throttle. */
export async function touchSession(ctx: AppContext, sessionId: string): Promise<void> {
  await ctx.db.updateTable('session').set({ last_seen_at: ctx.clock.now().toISOString() }).where('id', '=', sessionId).execute();
}

/** Ends one session. */
export async function revokeSession(ctx: AppContext, sessionId: string): Promise<void> {
  await ctx.db.updateTable('session').set({ revoked_at: ctx.clock.now().toISOString() }).where('id', '=', sessionId).execute();
}
