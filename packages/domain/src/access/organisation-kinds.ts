/** Kinds of organisation in the tree (DESIGN.md "Core model"). Stored as these lowercase strings. */
export const ORG_KINDS = [
  'province',
  'department',
  'finance-group',
  'bridge-fund',
  'city',
  'county',
  'bank',
  'guarantee',
  'bridge-operator',
  'service',
  'fund',
  'enterprise',
  'finance-bureau',
] as const;

export type OrgKind = (typeof ORG_KINDS)[number];

/** Chinese labels of organisation kinds, as officials name them. */
export const ORG_KIND_LABELS: Record<OrgKind, string> = {
  province: '省',
  department: '省直部门',
  'finance-group': '省财金集团',
  'bridge-fund': '省应急转贷基金平台',
  city: '市',
  county: '县（市、区）',
  bank: '银行',
  guarantee: '融资担保机构',
  'bridge-operator': '转贷业务运营机构',
  service: '服务机构',
  fund: '投资基金',
  enterprise: '企业',
  'finance-bureau': '财政局',
};

/** Kinds whose users act for the whole province (their data scope is the whole tree). */
export const PROVINCE_LEVEL_KINDS: readonly OrgKind[] = ['province', 'department', 'finance-group', 'bridge-fund'];

/** Regional government kinds: they also see records of enterprises located in their region. */
export const REGIONAL_KINDS: readonly OrgKind[] = ['city', 'county', 'finance-bureau'];

/** Which kinds may sit under which parent kind; keeps the tree meaningful when admins add nodes. */
export const ALLOWED_CHILD_KINDS: Record<OrgKind, readonly OrgKind[]> = {
  province: ['department', 'finance-group', 'bridge-fund', 'city', 'bank', 'guarantee', 'service', 'fund'],
  department: [],
  'finance-group': [],
  'bridge-fund': ['bridge-operator'],
  city: ['county', 'finance-bureau', 'bank', 'guarantee', 'bridge-operator', 'service', 'fund', 'enterprise'],
  county: ['finance-bureau', 'bank', 'guarantee', 'bridge-operator', 'service', 'enterprise'],
  bank: ['bank'],
  guarantee: [],
  'bridge-operator': [],
  service: [],
  fund: [],
  enterprise: [],
  'finance-bureau': [],
};

/** True when `kind` is one of the organisation kinds. */
export function isOrgKind(kind: string): kind is OrgKind {
  return (ORG_KINDS as readonly string[]).includes(kind);
}
