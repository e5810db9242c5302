// Official lists and honours an enterprise can be on (DOMAIN.md §9–10). They are imported as
// issued — batch, issuing body, validity — never computed from an enterprise's figures
// (LESSONS.md "Reporting and lists").

/** Whether a list is an administrative list (重点保障, 规上) or an honour (瞪羚, 专精特新, …). */
export type ListCategory = 'list' | 'honour';

/** One kind of official list. */
export interface ListKindInfo {
  kind: ListKindId;
  /** Name as officials write it. */
  label: string;
  category: ListCategory;
  /** Usual issuing body, offered as the default when importing a batch. */
  issuer: string;
  /** Where the kind comes from, shown beside it. */
  basis: string;
}

/** Identifiers of the list kinds, stored as these lowercase strings. */
export const LIST_KIND_IDS = [
  'epidemic-national',
  'epidemic-provincial',
  'gazelle',
  'unicorn',
  'specialized-sme',
  'little-giant',
  'single-champion',
  'above-scale',
] as const;

export type ListKindId = (typeof LIST_KIND_IDS)[number];

const info = (kind: ListKindId, label: string, category: ListCategory, issuer: string, basis: string): ListKindInfo =>
  Object.freeze({ kind, label, category, issuer, basis });

/** Every list kind with its Chinese label, category, usual issuer and basis, in display order. */
export const LIST_KINDS: readonly ListKindInfo[] = Object.freeze([
  info('epidemic-national', '疫情防控重点保障企业（全国性名单）', 'list', '国家发展改革委、工业和信息化部',
    '财金〔2020〕5号：全国性名单由国家发展改革委、工业和信息化部确定'),
  info('epidemic-provincial', '疫情防控重点保障企业（山东省名单）', 'list', '山东省工业和信息化厅',
    '鲁工信发〔2020〕1号 第五条：省确定的疫情防控重点保障企业'),
  info('gazelle', '山东省瞪羚企业', 'honour', '山东省工业和信息化厅', '鲁工信发〔2020〕1号 第六条；认定办法见鲁工信发〔2020〕8号'),
  info('unicorn', '山东省独角兽企业', 'honour', '山东省工业和信息化厅', '鲁工信发〔2020〕1号 第六条；认定办法见鲁工信发〔2020〕8号'),
  info('specialized-sme', '专精特新中小企业', 'honour', '山东省工业和信息化厅', '鲁工信发〔2020〕1号 第七条'),
  info('little-giant', '专精特新“小巨人”企业', 'honour', '工业和信息化部', '鲁工信发〔2020〕1号 第六条、第七条'),
  info('single-champion', '制造业单项冠军企业', 'honour', '工业和信息化部、中国工业经济联合会', '工信部产业〔2016〕105号'),
  info('above-scale', '规模以上工业企业（规上企业）', 'list', '山东省统计局',
    '国家统计局：年主营业务收入2000万元及以上的工业企业；鲁工信发〔2020〕1号 第六条“小升规”'),
]);

const BY_KIND: ReadonlyMap<string, ListKindInfo> = new Map(LIST_KINDS.map((k) => [k.kind, k] as const));

/** Chinese labels of the list kinds. */
export const LIST_KIND_LABELS: Readonly<Record<ListKindId, string>> = Object.freeze(
  Object.fromEntries(LIST_KINDS.map((k) => [k.kind, k.label])) as Record<ListKindId, string>,
);

/** True when `kind` is one of the list kinds. */
export function isListKind(kind: string): kind is ListKindId {
  return BY_KIND.has(kind);
}

/** The list kind with this id. @throws RangeError for an unknown kind. */
export function getListKind(kind: string): ListKindInfo {
  const found = BY_KIND.get(kind);
  if (!found) throw new RangeError(`未知的名单类型 ${JSON.stringify(kind)}`);
  return found;
}

/** What an import job loads: the enterprise registry itself, or one kind of official list. */
export type ImportKind = 'enterprises' | `list:${ListKindId}`;

/** Every import kind, enterprises first. */
export const IMPORT_KINDS: readonly ImportKind[] = Object.freeze([
  'enterprises',
  ...LIST_KIND_IDS.map((k) => `list:${k}` as const),
]);

/** True when `kind` is an import kind ('enterprises' or 'list:<kind>'). */
export function isImportKind(kind: string): kind is ImportKind {
  return (IMPORT_KINDS as readonly string[]).includes(kind);
}

/** The list kind of a list import, or null for the enterprise import. */
export function listKindOfImport(kind: ImportKind): ListKindId | null {
  return kind === 'enterprises' ? null : (kind.slice(5) as ListKindId);
}

/** Chinese label of an import kind, e.g. '企业名录' or '山东省瞪羚企业名单'. */
export function importKindLabel(kind: ImportKind): string {
  const list = listKindOfImport(kind);
  return list ? `${LIST_KIND_LABELS[list]}名单` : '企业名录';
}

/**
 * Status of one entry on a list on a given day: removed (移出) wins; otherwise before `validFrom`
 * it is pending, after `validTo` expired, else valid. Dates are civil 'YYYY-MM-DD', compared as text.
 */
export function listEntryStatus(
  entry: { removedAt: string | null; validFrom: string | null; validTo: string | null },
  today: string,
): 'valid' | 'expired' | 'pending' | 'removed' {
  if (entry.removedAt) return 'removed';
  if (entry.validFrom && today < entry.validFrom) return 'pending';
  if (entry.validTo && today > entry.validTo) return 'expired';
  return 'valid';
}

/** Chinese labels of list-entry statuses. */
export const LIST_ENTRY_STATUS_LABELS = Object.freeze({ valid: '有效', expired: '已过有效期', pending: '尚未生效', removed: '已移出' });
