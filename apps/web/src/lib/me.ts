// The signed-in user as GET /api/me describes it (the domain's MeResponse), and the permission
// names the web checks (keys of the domain's PERMISSIONS table).
import type { Permission } from '@relief/domain';

export const PERMISSIONS = {
  usersManage: 'users.manage',
  auditRead: 'audit.read',
  registrationsReview: 'registrations.review',
  organisationsRead: 'organisations.read',
  organisationsManage: 'organisations.manage',
  enterprisesRead: 'enterprises.read',
  enterprisesImport: 'enterprises.import',
  calendarManage: 'calendar.manage',
  policyManage: 'policy.manage',
} as const satisfies Record<string, Permission>;

export interface Me {
  id: string;
  username: string;
  displayName: string;
  organisationId: string | null;
  organisationName: string;
  organisationKind: string | null;
  /** The organisation's code: a region code, or a fixed one such as DEPT (省工信厅). */
  organisationCode: string | null;
  roles: string[];
  permissions: string[];
  session: { idleExpiresAt: string | null; absoluteExpiresAt: string | null };
  /** The CSRF token, also in the readable cookie relief_csrf. */
  csrfToken: string | null;
}

/**
 * Reads the GET /api/me body into a Me, whether the user's fields are at the top level or under
 * `user`, and the organisation is flat (`organisationName`) or nested (`organisation.name`).
 */
export function normaliseMe(raw: unknown): Me {
  const r = asRecord(raw);
  const user = asRecord(r.user ?? r);
  const org = asRecord(user.organisation ?? r.organisation);
  const session = asRecord(r.session ?? user.session);
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : null);
  const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);
  const username = str(user.username) ?? '';
  return {
    id: str(user.id) ?? '',
    username,
    displayName: str(user.displayName) ?? username,
    organisationId: str(user.organisationId) ?? str(org.id),
    organisationName: str(user.organisationName) ?? str(org.name) ?? '',
    organisationKind: str(user.organisationKind) ?? str(org.kind),
    organisationCode: str(user.organisationCode) ?? str(org.code),
    roles: strings(user.roles ?? r.roles),
    permissions: strings(r.permissions ?? user.permissions),
    session: { idleExpiresAt: str(session.idleExpiresAt), absoluteExpiresAt: str(session.absoluteExpiresAt) },
    csrfToken: str(r.csrfToken),
  };
}

export function hasPermission(me: Pick<Me, 'permissions'> | undefined, permission: string): boolean {
  return !!me && me.permissions.includes(permission);
}

function asRecord(v: unknown): Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
}
