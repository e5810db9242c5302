import { type OrgKind, PROVINCE_LEVEL_KINDS, REGIONAL_KINDS } from './organisation-kinds';
import type { Role } from './roles';

interface Rule {
  roles: readonly Role[];
  /** Organisation kinds whose users may hold the permission; undefined means any kind. */
  kinds?: readonly OrgKind[];
  /** What the permission lets a user do, shown to administrators. */
  label: string;
}

const GOVERNMENT: readonly OrgKind[] = [...PROVINCE_LEVEL_KINDS, ...REGIONAL_KINDS];
const ALL_ROLES: readonly Role[] = ['admin', 'reviewer', 'operator', 'viewer'];

/**
 * The permission table: an action is allowed by role and organisation kind. Which records the
 * action reaches is decided separately by the data scope (`dataScope`), so the table stays small.
 */
export const PERMISSIONS = {
  'organisations.read': { roles: ALL_ROLES, label: '查看组织机构' },
  'organisations.manage': { roles: ['admin'], kinds: GOVERNMENT, label: '维护组织机构' },
  'users.manage': { roles: ['admin'], label: '管理用户' },
  'audit.read': { roles: ['admin'], label: '查看审计日志' },
  'registrations.review': { roles: ['admin', 'reviewer'], kinds: GOVERNMENT, label: '审核企业注册' },
  'calendar.manage': { roles: ['admin'], kinds: ['province', 'department'], label: '维护工作日历' },
  'policy.manage': { roles: ['admin'], kinds: ['province', 'department'], label: '维护政策参数' },
  'enterprises.read': { roles: ALL_ROLES, kinds: GOVERNMENT, label: '查看企业库' },
  'enterprises.import': { roles: ['admin', 'operator'], kinds: GOVERNMENT, label: '导入企业与名单' },
  // Measures. Each measure owns its own lines below; which records an action reaches is still
  // decided by the data scope and, for cases, by the workflow's holder rules.
  'risk-compensation.read': { roles: ALL_ROLES, kinds: ['bank', 'finance-group', ...GOVERNMENT], label: '贷款风险补偿：查看' },
  'risk-compensation.bank': { roles: ['admin', 'operator', 'reviewer'], kinds: ['bank'], label: '贷款风险补偿：登记贷款、提出补偿申请' },
  'risk-compensation.review': { roles: ['admin', 'reviewer', 'operator'], kinds: ['finance-group', 'department'], label: '贷款风险补偿：初审、复核、拨付计划' },
  'guarantee.read': { roles: ALL_ROLES, kinds: ['guarantee', ...GOVERNMENT], label: '融资担保：查看' },
  'guarantee.file': { roles: ['admin', 'operator', 'reviewer'], kinds: ['guarantee'], label: '融资担保：担保备案、代偿登记' },
  'guarantee.review': { roles: ['admin', 'reviewer'], kinds: ['department', 'province'], label: '融资担保：审核延期追偿、维护机构名录' },
  'bridge-loan.read': { roles: ALL_ROLES, kinds: ['enterprise', 'bridge-fund', 'bridge-operator', 'bank', ...GOVERNMENT], label: '应急转贷：查看' },
  'bridge-loan.apply': { roles: ['admin', 'operator'], kinds: ['enterprise'], label: '应急转贷：企业申请' },
  'bridge-loan.operate': { roles: ['admin', 'operator', 'reviewer'], kinds: ['bridge-operator', 'bridge-fund'], label: '应急转贷：受理、放款、咨询登记' },
  'bridge-loan.bank': { roles: ['admin', 'operator', 'reviewer'], kinds: ['bank'], label: '应急转贷：银行确认续贷' },
  'interest-subsidy.read': { roles: ALL_ROLES, kinds: [...GOVERNMENT, 'enterprise'], label: '贷款贴息：查看（企业只见本企业的申请）' },
  'interest-subsidy.apply': { roles: ['admin', 'operator'], kinds: ['enterprise'], label: '贷款贴息：企业申请' },
  'interest-subsidy.review': { roles: ['admin', 'reviewer'], kinds: GOVERNMENT, label: '贷款贴息：审核、汇总、公示' },
} as const satisfies Record<string, Rule>;

export type Permission = keyof typeof PERMISSIONS;

/** The parts of a signed-in user that access decisions read. */
export interface Principal {
  roles: readonly Role[];
  organisation: { kind: OrgKind; path: string; regionCode: string | null };
}

/** True when the principal's roles and organisation kind allow the permission. */
export function can(principal: Principal, permission: Permission): boolean {
  const rule: Rule = PERMISSIONS[permission];
  if (rule.kinds && !rule.kinds.includes(principal.organisation.kind)) return false;
  return principal.roles.some((r) => rule.roles.includes(r));
}

/** Every permission the principal holds, for the web menu. */
export function permissionsOf(principal: Principal): Permission[] {
  return (Object.keys(PERMISSIONS) as Permission[]).filter((p) => can(principal, p));
}

/**
 * Which records a principal may read or change.
 * `pathPrefix`: records owned by organisations whose path starts with it.
 * `regionPrefix`: additionally, records located in this region (city '3701', county '370102').
 */
export interface DataScope {
  pathPrefix: string;
  regionPrefix: string | null;
  provinceWide: boolean;
}

/**
 * The data scope of a principal: province bodies see the whole tree, a city its city and counties
 * (by organisation and by region), an institution or enterprise its own subtree.
 */
export function dataScope(principal: Principal): DataScope {
  const { kind, path, regionCode } = principal.organisation;
  if (PROVINCE_LEVEL_KINDS.includes(kind)) return { pathPrefix: rootPathOf(path), regionPrefix: '37', provinceWide: true };
  // A city (or a city's finance bureau) sees its city's region, a county (or its bureau) its own.
  if (REGIONAL_KINDS.includes(kind) && regionCode) {
    return { pathPrefix: path, regionPrefix: regionCode.endsWith('00') ? regionCode.slice(0, 4) : regionCode, provinceWide: false };
  }
  return { pathPrefix: path, regionPrefix: null, provinceWide: false };
}

/** True when an organisation (by its path and region) lies in the scope. */
export function inScope(scope: DataScope, target: { path: string; regionCode?: string | null }): boolean {
  if (target.path.startsWith(scope.pathPrefix)) return true;
  return !!(scope.regionPrefix && target.regionCode?.startsWith(scope.regionPrefix));
}

function rootPathOf(path: string): string {
  const first = path.split('/').filter(Boolean)[0];
  return first ? `/${first}/` : '/';
}
