/** Roles a user may hold within its organisation. */
export const ROLES = ['admin', 'reviewer', 'operator', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

/** Chinese labels of roles. */
export const ROLE_LABELS: Record<Role, string> = {
  admin: '管理员',
  reviewer: '审核员',
  operator: '经办人',
  viewer: '查看者',
};

/** True when `role` is one of the roles. */
export function isRole(role: string): role is Role {
  return (ROLES as readonly string[]).includes(role);
}
