import { z } from 'zod';
import { INDUSTRY_SECTIONS } from '../enterprise/industry-sections';
import { INDUSTRY_ROWS, SIZE_CLASSES, type SizeClass } from '../enterprise/size';
import { IMPORT_KINDS, type ImportKind, LIST_KIND_IDS, type ListKindId } from '../registry/list-kinds';
import { civilDate, pageQuery, text } from './common';
import { countyCodeSchema } from './registration';

// The enterprise registry: enterprises, official lists and honours, and Excel imports.

/** A list kind id ('gazelle', 'little-giant', …), see LIST_KINDS for labels. */
export const listKindSchema = z.enum(LIST_KIND_IDS as unknown as [ListKindId, ...ListKindId[]], { message: '名单类型无效' });

/** 'enterprises' or 'list:<kind>'. */
export const importKindSchema = z.enum(IMPORT_KINDS as unknown as [ImportKind, ...ImportKind[]], {
  message: '导入类型无效：应为 enterprises（企业名录）或 list:<名单类型>，如 list:gazelle',
});

export const sizeClassSchema = z.enum(SIZE_CLASSES as unknown as [SizeClass, ...SizeClass[]]);

const sectionSchema = z.enum(INDUSTRY_SECTIONS.map((s) => s.code) as [string, ...string[]], { message: '行业门类应为 GB/T 4754 的门类字母 A–T' });
const industryRowSchema = z.enum(INDUSTRY_ROWS.map((r) => r.id) as [string, ...string[]], { message: '划型行业无效（应为工信部联企业〔2011〕300号第四条的16个行业之一）' });
const fenSchema = (label: string) => z.number().int(`${label}应为整数（分）`).min(0, `${label}不能为负`).max(9_000_000_000_000_000, `${label}过大`);

/** An enterprise of the registry, with its 300号 size class and the reason for it. Money in fen. */
export const enterpriseView = z.object({
  id: z.number().int(),
  organisationId: z.number().int(),
  uscc: z.string(),
  name: z.string(),
  regionCode: z.string(),
  regionName: z.string(),
  industrySection: z.string().nullable(),
  industrySectionName: z.string().nullable(),
  industryCode: z.string().nullable(),
  industryRow: z.string().nullable(),
  industryRowName: z.string().nullable(),
  employees: z.number().int().nullable(),
  revenueFen: z.number().int().nullable(),
  assetsFen: z.number().int().nullable(),
  /** null when it cannot be decided; `sizeReason` then says what is missing. */
  sizeClass: sizeClassSchema.nullable(),
  sizeLabel: z.string().nullable(),
  sizeReason: z.string().nullable(),
  /** Kinds of list the enterprise is on today (not removed, within validity). */
  listKinds: z.array(listKindSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
  version: z.number().int(),
});
export type EnterpriseView = z.infer<typeof enterpriseView>;

export const listEntryStatusSchema = z.enum(['valid', 'expired', 'pending', 'removed']);

/** One list or honour of an enterprise, with the list's batch and validity; removed entries stay, marked. */
export const enterpriseListEntryView = z.object({
  entryId: z.number().int(),
  listId: z.number().int(),
  kind: listKindSchema,
  kindLabel: z.string(),
  category: z.enum(['list', 'honour']),
  listName: z.string(),
  batch: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  source: z.string().nullable(),
  addedAt: z.string(),
  removedAt: z.string().nullable(),
  removalReason: z.string().nullable(),
  status: listEntryStatusSchema,
  statusLabel: z.string(),
});
export type EnterpriseListEntryView = z.infer<typeof enterpriseListEntryView>;

export const enterpriseDetail = enterpriseView.extend({ entries: z.array(enterpriseListEntryView) });
export type EnterpriseDetail = z.infer<typeof enterpriseDetail>;

/**
 * Registry search. `q` matches name or code; `regionCode` a city (its counties included) or a
 * county; `list` enterprises on that kind of list today; `size` a class, or 'unclassified'.
 */
export const enterpriseListQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  regionCode: z.string().trim().regex(/^37\d{4}$/, '地区应为山东省的 6 位行政区划代码（市或县）').optional(),
  list: listKindSchema.optional(),
  size: z.enum([...SIZE_CLASSES, 'unclassified'] as unknown as [string, ...string[]], { message: '规模应为 large、medium、small、micro 或 unclassified' }).optional(),
});
export type EnterpriseListQuery = z.infer<typeof enterpriseListQuery>;

/**
 * Profile update; fields left out stay as they are, null clears. The size class is recomputed.
 * `version` is the one read: a stale version is refused (409).
 */
export const enterpriseUpdateBody = z.object({
  name: text(100, '企业名称').optional(),
  regionCode: countyCodeSchema.optional(),
  industrySection: sectionSchema.nullable().optional(),
  industryCode: z.string().trim().regex(/^\d{2,4}$/, '国民经济行业代码应为2–4位数字').nullable().optional(),
  industryRow: industryRowSchema.nullable().optional(),
  employees: z.number().int('从业人员应为整数').min(0, '从业人员不能为负').max(10_000_000, '从业人员过大').nullable().optional(),
  revenueFen: fenSchema('营业收入').nullable().optional(),
  assetsFen: fenSchema('资产总额').nullable().optional(),
  version: z.number().int().positive('版本号应为正整数'),
});
export type EnterpriseUpdateInput = z.infer<typeof enterpriseUpdateBody>;

/** An official list (one batch of one kind) with its entry counts in the reader's scope. */
export const officialListView = z.object({
  id: z.number().int(),
  kind: listKindSchema,
  kindLabel: z.string(),
  category: z.enum(['list', 'honour']),
  name: z.string(),
  batch: z.string(),
  issuer: z.string(),
  issuedOn: z.string(),
  validFrom: z.string().nullable(),
  validTo: z.string().nullable(),
  source: z.string().nullable(),
  entryCount: z.number().int(),
  removedCount: z.number().int(),
  importJobId: z.number().int().nullable(),
  createdAt: z.string(),
});
export type OfficialListView = z.infer<typeof officialListView>;

export const officialListQuery = pageQuery.extend({ kind: listKindSchema.optional() });

export const listEntryView = z.object({
  id: z.number().int(),
  listId: z.number().int(),
  uscc: z.string(),
  /** The name as printed on the list. */
  name: z.string(),
  regionCode: z.string().nullable(),
  regionName: z.string().nullable(),
  /** The registry enterprise with this code, when it is registered. */
  enterpriseId: z.number().int().nullable(),
  enterpriseName: z.string().nullable(),
  remark: z.string().nullable(),
  addedAt: z.string(),
  removedAt: z.string().nullable(),
  removalReason: z.string().nullable(),
  removedBy: z.string().nullable(),
});
export type ListEntryView = z.infer<typeof listEntryView>;

export const listEntriesQuery = pageQuery.extend({
  q: z.string().trim().max(100).optional(),
  status: z.enum(['active', 'removed', 'all'], { message: '状态应为 active、removed 或 all' }).default('all'),
});

export const listEntryParams = z.object({
  id: z.coerce.number().int().positive('编号应为正整数').max(2_147_483_647),
  entryId: z.coerce.number().int().positive('编号应为正整数').max(2_147_483_647),
});

export const removeListEntryBody = z.object({ reason: text(500, '移出理由') });

export const importStatusSchema = z.enum(['uploaded', 'validating', 'validated', 'confirming', 'done', 'failed', 'cancelled']);
export type ImportStatus = z.infer<typeof importStatusSchema>;

/** Chinese labels of import statuses. */
export const IMPORT_STATUS_LABELS: Readonly<Record<ImportStatus, string>> = Object.freeze({
  uploaded: '已上传',
  validating: '校验中',
  validated: '待确认',
  confirming: '导入中',
  done: '已完成',
  failed: '失败',
  cancelled: '已取消',
});

/** The batch metadata of a list import: which list, which batch, who issued it, validity. */
export const listImportMeta = z.object({
  listName: text(200, '名单名称'),
  batch: text(100, '批次'),
  issuer: text(200, '发布单位'),
  issuedOn: civilDate,
  validFrom: civilDate.optional(),
  validTo: civilDate.optional(),
  source: z.string().trim().max(500, '文号或来源不能超过 500 个字').optional(),
});
export type ListImportMeta = z.infer<typeof listImportMeta>;

/**
 * The form fields sent with an uploaded file (multipart, besides the `file` part). A list import
 * needs its metadata; validity, if given, must not end before it starts.
 */
export const importUploadFields = z.object({
  kind: importKindSchema,
  listName: z.string().optional(),
  batch: z.string().optional(),
  issuer: z.string().optional(),
  issuedOn: z.string().optional(),
  validFrom: z.string().optional(),
  validTo: z.string().optional(),
  source: z.string().optional(),
}).transform((f, ctx) => {
  if (f.kind === 'enterprises') return { kind: f.kind, list: null };
  const blank = (v: string | undefined) => (v === undefined || v.trim() === '' ? undefined : v);
  const parsed = listImportMeta.safeParse({
    listName: f.listName ?? '', batch: f.batch ?? '', issuer: f.issuer ?? '', issuedOn: f.issuedOn ?? '',
    validFrom: blank(f.validFrom), validTo: blank(f.validTo), source: blank(f.source),
  });
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ code: 'custom', message: issue.message, path: issue.path });
    return z.NEVER;
  }
  const meta = parsed.data;
  if (meta.validFrom && meta.validTo && meta.validTo < meta.validFrom) {
    ctx.addIssue({ code: 'custom', message: '有效期截止日期不能早于起始日期', path: ['validTo'] });
    return z.NEVER;
  }
  return { kind: f.kind, list: meta };
});
export type ImportUpload = z.output<typeof importUploadFields>;

/** An import job: its progress while validating or writing, and its report's counts. */
export const importJobView = z.object({
  id: z.number().int(),
  kind: importKindSchema,
  kindLabel: z.string(),
  fileName: z.string(),
  status: importStatusSchema,
  statusLabel: z.string(),
  /** Data rows in the file (header excluded), known once the upload has been read. */
  totalRows: z.number().int().nullable(),
  processedRows: z.number().int(),
  validRows: z.number().int(),
  errorCount: z.number().int(),
  warningCount: z.number().int(),
  /** Valid rows written so far by the confirmed import. */
  confirmedRows: z.number().int(),
  /** Progress of the current phase (validation, then writing), 0–100. */
  progressPercent: z.number().int(),
  errorMessage: z.string().nullable(),
  list: listImportMeta.nullable(),
  listId: z.number().int().nullable(),
  createdBy: z.string().nullable(),
  organisationId: z.number().int(),
  createdAt: z.string(),
  validatedAt: z.string().nullable(),
  confirmedBy: z.string().nullable(),
  confirmedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
});
export type ImportJobView = z.infer<typeof importJobView>;

export const importListQuery = pageQuery.extend({
  kind: importKindSchema.optional(),
  status: importStatusSchema.optional(),
});

/** One finding of a stored validation report. */
export const importIssueView = z.object({
  id: z.number().int(),
  rowNo: z.number().int(),
  column: z.string(),
  severity: z.enum(['error', 'warning']),
  severityLabel: z.string(),
  code: z.string(),
  message: z.string(),
});
export type ImportIssueView = z.infer<typeof importIssueView>;

export const importIssuesQuery = pageQuery.extend({
  severity: z.enum(['error', 'warning'], { message: '级别应为 error 或 warning' }).optional(),
});

export const importTemplateParams = z.object({ kind: importKindSchema });
