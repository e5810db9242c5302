import { z } from 'zod';
import { ORG_KINDS } from '../access/organisation-kinds';
import { ROLES } from '../access/roles';
import { instant, pageQuery, text } from './common';

export const roleSchema = z.enum(ROLES, { message: '角色应为 admin、reviewer、operator 或 viewer' });
export const orgKindSchema = z.enum(ORG_KINDS, { message: '机构类型无效' });

export const loginBody = z.object({
  username: z.string().trim().min(1, '请输入用户名').max(64, '用户名过长'),
  password: z.string().min(1, '请输入密码').max(256, '密码过长'),
});

export const organisationSummary = z.object({
  id: z.number().int(),
  name: z.string(),
  kind: orgKindSchema,
  code: z.string().nullable(),
  regionCode: z.string().nullable(),
  path: z.string(),
});

export const meResponse = z.object({
  user: z.object({
    id: z.number().int(),
    username: z.string(),
    displayName: z.string(),
    roles: z.array(roleSchema),
    organisation: organisationSummary,
  }),
  permissions: z.array(z.string()),
  session: z.object({ idleExpiresAt: z.string(), absoluteExpiresAt: z.string(), idleTimeoutSeconds: z.number().int() }),
  csrfToken: z.string(),
});
export type MeResponse = z.infer<typeof meResponse>;

export const changePasswordBody = z.object({
  currentPassword: z.string().min(1, '请输入当前密码').max(256),
  newPassword: z.string().min(1, '请输入新密码').max(256, '密码过长'),
});

export const usernameSchema = z.string().trim().regex(/^[A-Za-z0-9_.@-]{3,64}$/, '用户名为 3–64 位字母、数字或 _ . @ -');

export const createUserBody = z.object({
  username: usernameSchema,
  displayName: text(50, '姓名'),
  organisationId: z.number().int().positive('请选择所属机构'),
  roles: z.array(roleSchema).min(1, '至少选择一个角色').max(4),
  password: z.string().min(1, '请输入初始密码').max(256),
  phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确').optional(),
});

export const updateUserBody = z.object({
  displayName: text(50, '姓名').optional(),
  roles: z.array(roleSchema).min(1, '至少选择一个角色').max(4).optional(),
  phone: z.string().trim().regex(/^[0-9+\- ]{5,20}$/, '电话号码格式不正确').nullable().optional(),
  version: z.number().int().positive(),
});

export const resetPasswordBody = z.object({ password: z.string().min(1, '请输入新密码').max(256) });

export const userStatusSchema = z.enum(['active', 'disabled', 'pending']);

export const userView = z.object({
  id: z.number().int(),
  username: z.string(),
  displayName: z.string(),
  phone: z.string().nullable(),
  organisationId: z.number().int(),
  organisationName: z.string(),
  roles: z.array(roleSchema),
  status: userStatusSchema,
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
});
export type UserView = z.infer<typeof userView>;

export const userListQuery = pageQuery.extend({
  q: z.string().trim().max(64).optional(),
  organisationId: z.coerce.number().int().positive().optional(),
  role: roleSchema.optional(),
  status: userStatusSchema.optional(),
});

export type OrganisationNode = {
  id: number;
  name: string;
  kind: (typeof ORG_KINDS)[number];
  code: string | null;
  regionCode: string | null;
  status: string;
  children: OrganisationNode[];
};
export const organisationNode: z.ZodType<OrganisationNode> = z.lazy(() =>
  z.object({
    id: z.number().int(),
    name: z.string(),
    kind: orgKindSchema,
    code: z.string().nullable(),
    regionCode: z.string().nullable(),
    status: z.string(),
    children: z.array(organisationNode),
  }),
);

export const createOrganisationBody = z.object({
  parentId: z.number().int().positive('请选择上级机构'),
  kind: orgKindSchema,
  name: text(100, '机构名称'),
  code: z.string().trim().max(32, '代码不能超过 32 位').optional(),
  regionCode: z.string().regex(/^37\d{4}$/, '所在地应为山东省的 6 位行政区划代码').optional(),
});

export const auditQuery = pageQuery.extend({
  actor: z.string().trim().max(64).optional(),
  entityType: z.string().trim().max(64).optional(),
  entityId: z.string().trim().max(64).optional(),
  action: z.string().trim().max(64).optional(),
  from: instant.optional(),
  to: instant.optional(),
});

export const auditView = z.object({
  seq: z.number().int(),
  /** The hash chain the entry extends, and its gap-free place there (`audit verify` names both). */
  chain: z.number().int(),
  chainPosition: z.number().int(),
  at: z.string(),
  actorUsername: z.string().nullable(),
  organisationId: z.number().int().nullable(),
  organisationName: z.string().nullable(),
  action: z.string(),
  entityType: z.string(),
  entityId: z.string().nullable(),
  before: z.unknown(),
  after: z.unknown(),
  requestId: z.string().nullable(),
  hash: z.string(),
});
