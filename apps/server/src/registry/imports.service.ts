import { rm } from 'node:fs/promises';
import {
  dataScope,
  IMPORT_STATUS_LABELS,
  type ImportIssueView,
  type ImportJobView,
  type ImportKind,
  importKindLabel,
  importUploadFields,
  ISSUE_SEVERITY_LABELS,
  type IssueSeverity,
  type ListImportMeta,
  listKindOfImport,
  type ImportStatus,
} from '@relief/domain';
import type { Actor } from '../platform/audit';
import type { AuthUser } from '../platform/auth/sessions';
import { type AppContext, inTransaction } from '../platform/context';
import { badRequest, conflict, notFound, unprocessable } from '../platform/errors';
import { EXPORT_LIMIT, writeListWorkbook } from '../platform/excel';
import { paginate } from '../platform/paging';
import { enterpriseScope } from './enterprises.service';
import type { ImportRunner } from './import-runner';
import { assertListMaintainer } from './lists.service';
import { deleteStagedRows, findJob, findListBatch, issuesOfJob, JOB_COLUMNS, jobsUnder } from './registry.repository';
import { columnsOf } from './templates';
import { inspectWorkbook } from './xlsx-reader';

type JobRow = {
  id: number; kind: string; file_name: string; status: string; total_rows: number | null; processed_rows: number; valid_rows: number;
  error_count: number; warning_count: number; confirmed_rows: number; list_meta_json: string | null; list_id: number | null;
  error_message: string | null; organisation_id: number; created_at: string; validated_at: string | null; confirmed_at: string | null;
  finished_at: string | null; created_by_name: string | null; confirmed_by_name: string | null;
};

const percent = (part: number, whole: number | null) => (whole ? Math.min(100, Math.floor((part * 100) / whole)) : 0);

function toJobView(j: JobRow): ImportJobView {
  const status = j.status as ImportStatus;
  const progress = status === 'validated' || status === 'done' ? 100
    : status === 'confirming' ? percent(j.confirmed_rows, j.valid_rows)
      : percent(j.processed_rows, j.total_rows);
  return {
    id: j.id, kind: j.kind as ImportKind, kindLabel: importKindLabel(j.kind as ImportKind), fileName: j.file_name, status,
    statusLabel: IMPORT_STATUS_LABELS[status], totalRows: j.total_rows, processedRows: j.processed_rows, validRows: j.valid_rows,
    errorCount: j.error_count, warningCount: j.warning_count, confirmedRows: j.confirmed_rows, progressPercent: progress,
    errorMessage: j.error_message, list: j.list_meta_json ? (JSON.parse(j.list_meta_json) as ListImportMeta) : null, listId: j.list_id,
    createdBy: j.created_by_name, organisationId: j.organisation_id, createdAt: j.created_at, validatedAt: j.validated_at,
    confirmedBy: j.confirmed_by_name, confirmedAt: j.confirmed_at, finishedAt: j.finished_at,
  };
}

/** Import jobs of the user's organisation subtree (the province sees all), newest first. */
export async function listImportJobs(ctx: AppContext, user: AuthUser, q: { kind?: string | undefined; status?: string | undefined; page: number; pageSize: number }) {
  let base = jobsUnder(ctx.db, dataScope(user).pathPrefix);
  if (q.kind) base = base.where('j.kind', '=', q.kind);
  if (q.status) base = base.where('j.status', '=', q.status);
  const page = await paginate(base, (b) => b.select(JOB_COLUMNS).orderBy('j.id', 'desc'), q.page, q.pageSize);
  return { ...page, items: page.items.map(toJobView) };
}

/** One import job in the user's scope, with its progress. @throws 404 outside the scope. */
export async function getImportJob(ctx: AppContext, user: AuthUser, id: number): Promise<ImportJobView> {
  const row = await jobsUnder(ctx.db, dataScope(user).pathPrefix).select(JOB_COLUMNS).where('j.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('导入任务');
  return toJobView(row);
}

/** An uploaded file waiting on disk, with the form fields sent beside it. */
export interface Upload {
  fileName: string;
  filePath: string;
  fields: Record<string, string>;
}

/**
 * Accepts an upload: checks the form fields, reads the file once (a valid .xlsx with the
 * template's required columns and 1–200 000 data rows), records the job and starts validating
 * it in the background. The file is removed when refused.
 * @throws 400 for bad fields or files, 403 for list imports outside the province, 409 for a list batch already imported.
 */
export async function startImport(ctx: AppContext, runner: ImportRunner, user: AuthUser, actor: Actor, upload: Upload): Promise<ImportJobView> {
  let jobId: number;
  try {
    const parsed = importUploadFields.safeParse(upload.fields);
    if (!parsed.success) {
      const details = parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'kind', message: i.message }));
      throw badRequest(`${details[0]!.path}：${details[0]!.message}`, details, 'VALIDATION_FAILED');
    }
    const { kind, list } = parsed.data;
    const listKind = listKindOfImport(kind);
    if (listKind && list) {
      assertListMaintainer(user);
      const existing = await findListBatch(ctx.db, listKind, list.listName, list.batch);
      if (existing) throw conflict(`「${existing.name}」${existing.batch}已导入（名单编号 ${existing.id}）。如需更正，请移出有误的企业或作为新批次导入`, { listId: existing.id }, 'DUPLICATE');
    }
    const inspection = await inspectWorkbook(upload.filePath, columnsOf(kind));
    jobId = await inTransaction(ctx, actor, async (tx) => {
      const { id } = await tx.db.insertInto('import_job').values({
        kind, file_name: upload.fileName.slice(0, 255), file_path: upload.filePath, status: 'uploaded', total_rows: inspection.dataRows,
        layout_json: JSON.stringify({ headerRowNo: inspection.headerRowNo, positions: inspection.positions }),
        list_meta_json: list ? JSON.stringify(list) : null, region_prefix: enterpriseScope(user), created_by: user.id,
        organisation_id: user.organisation.id, created_at: tx.now.toISOString(),
      }).returning('id').executeTakeFirstOrThrow();
      await tx.audit({ action: 'import.uploaded', entityType: 'import_job', entityId: id,
        after: { jobId: id, kind, fileName: upload.fileName, rows: inspection.dataRows, list, ignoredColumns: inspection.ignoredHeaders } });
      return id;
    });
  } catch (err) {
    await rm(upload.filePath, { force: true });
    throw err;
  }
  runner.validate(jobId);
  return getImportJob(ctx, user, jobId);
}

async function loadJob(ctx: AppContext, user: AuthUser, id: number) {
  await getImportJob(ctx, user, id); // scope check: 404 outside
  return (await findJob(ctx.db, id))!;
}

const NOT_CONFIRMABLE: Partial<Record<ImportStatus, string>> = {
  uploaded: '文件校验尚未开始，请稍候',
  validating: '文件校验尚未完成，请稍候',
  confirming: '该导入已确认，正在写入，不能重复确认',
  done: '该导入已确认并完成，不能重复确认',
  failed: '该导入已失败，请修改文件后重新上传',
  cancelled: '该导入已取消，请重新上传',
};

/**
 * Confirms a validated import: from now on its valid rows are written, in batches, in the
 * background (a list import first records its list). A job is confirmed once.
 * @throws 409 unless the job is validated (and for a list batch imported meanwhile), 422 when no row is valid.
 */
export async function confirmImport(ctx: AppContext, runner: ImportRunner, user: AuthUser, actor: Actor, id: number): Promise<ImportJobView> {
  const job = await loadJob(ctx, user, id);
  const listKind = listKindOfImport(job.kind as ImportKind);
  if (listKind) assertListMaintainer(user);
  const refusal = NOT_CONFIRMABLE[job.status as ImportStatus];
  if (refusal) throw conflict(refusal, { status: job.status }, 'INVALID_STATE');
  if (job.valid_rows === 0) throw unprocessable('没有可导入的有效行：请按校验报告修改文件后重新上传', { errorCount: job.error_count }, 'NOTHING_TO_IMPORT');
  const token = runner.newToken();
  await inTransaction(ctx, actor, async (tx) => {
    const at = tx.now.toISOString();
    const res = await tx.db.updateTable('import_job')
      .set({ status: 'confirming', confirmed_by: user.id, confirmed_at: at, runner: token, heartbeat_at: at, version: job.version + 1 })
      .where('id', '=', id).where('status', '=', 'validated').where('version', '=', job.version).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('该导入已被他人确认或取消，请刷新', null, 'INVALID_STATE');
    let listId: number | null = null;
    if (listKind) {
      const meta = JSON.parse(job.list_meta_json!) as ListImportMeta;
      const existing = await findListBatch(tx.db, listKind, meta.listName, meta.batch);
      if (existing) throw conflict(`「${existing.name}」${existing.batch}已导入（名单编号 ${existing.id}），不能重复导入`, { listId: existing.id }, 'DUPLICATE');
      const list = await tx.db.insertInto('official_list').values({
        kind: listKind, name: meta.listName, batch: meta.batch, issuer: meta.issuer, issued_on: meta.issuedOn,
        valid_from: meta.validFrom ?? meta.issuedOn, valid_to: meta.validTo ?? null, source: meta.source ?? null,
        import_job_id: id, created_by: user.id, created_at: at,
      }).returning('id').executeTakeFirstOrThrow();
      listId = list.id;
      await tx.db.updateTable('import_job').set({ list_id: listId }).where('id', '=', id).execute();
      await tx.audit({ action: 'list.created', entityType: 'official_list', entityId: listId, after: { listId, kind: listKind, ...meta, jobId: id } });
    }
    await tx.audit({ action: 'import.confirmed', entityType: 'import_job', entityId: id, after: { jobId: id, kind: job.kind, validRows: job.valid_rows, listId } });
  });
  runner.confirm(id, token);
  return getImportJob(ctx, user, id);
}

const NOT_CANCELLABLE: Partial<Record<ImportStatus, string>> = {
  confirming: '该导入已确认，正在写入，不能取消',
  done: '该导入已完成，不能取消；如需更正请修改企业资料或移出名单',
  failed: '该导入已失败，无需取消',
  cancelled: '该导入已取消',
};

/**
 * Discards an import before it is confirmed: its staged rows are dropped (the report stays) and a
 * running validation stops at its next step. @throws 409 once confirmed, failed or cancelled.
 */
export async function cancelImport(ctx: AppContext, user: AuthUser, actor: Actor, id: number): Promise<ImportJobView> {
  const job = await loadJob(ctx, user, id);
  const refusal = NOT_CANCELLABLE[job.status as ImportStatus];
  if (refusal) throw conflict(refusal, { status: job.status }, 'INVALID_STATE');
  await inTransaction(ctx, actor, async (tx) => {
    const res = await tx.db.updateTable('import_job').set({ status: 'cancelled', runner: null, finished_at: tx.now.toISOString(), version: job.version + 1 })
      .where('id', '=', id).where('status', 'in', ['uploaded', 'validating', 'validated']).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw conflict('该导入已被他人确认或取消，请刷新', null, 'INVALID_STATE');
    await deleteStagedRows(tx.db, id);
    await tx.audit({ action: 'import.cancelled', entityType: 'import_job', entityId: id, before: { status: job.status }, after: { status: 'cancelled' } });
  });
  return getImportJob(ctx, user, id);
}

const toIssueView = (i: { id: number; row_no: number; column_name: string; severity: string; code: string; message: string }): ImportIssueView => ({
  id: i.id, rowNo: i.row_no, column: i.column_name, severity: i.severity as IssueSeverity,
  severityLabel: ISSUE_SEVERITY_LABELS[i.severity as IssueSeverity], code: i.code, message: i.message,
});

/** A page of a job's stored validation report: errors first, then by row and column. */
export async function listImportIssues(ctx: AppContext, user: AuthUser, id: number, q: { severity?: IssueSeverity | undefined; page: number; pageSize: number }) {
  await loadJob(ctx, user, id);
  const page = await paginate(issuesOfJob(ctx.db, id, q.severity),
    // Errors before warnings ('error' < 'warning' in both dialects' collations), then by row.
    (b) => b.selectAll().orderBy('severity').orderBy('row_no').orderBy('id'), q.page, q.pageSize);
  return { ...page, items: page.items.map(toIssueView) };
}

/** The whole validation report as .xlsx (up to the export cap), with its file name. */
export async function exportImportIssues(ctx: AppContext, user: AuthUser, id: number): Promise<{ fileName: string; bytes: Buffer }> {
  const job = await loadJob(ctx, user, id);
  const rows = await issuesOfJob(ctx.db, id).selectAll().orderBy('severity').orderBy('row_no').orderBy('id').limit(EXPORT_LIMIT).execute();
  const bytes = await writeListWorkbook('校验报告', [
    { header: '级别', value: (r) => ISSUE_SEVERITY_LABELS[r.severity as IssueSeverity], width: 8 },
    { header: '行号', value: (r) => r.row_no, width: 8 },
    { header: '列', value: (r) => r.column_name, width: 18 },
    { header: '问题', value: (r) => r.message, width: 80 },
    { header: '代码', value: (r) => r.code, width: 20 },
  ], rows, `${importKindLabel(job.kind as ImportKind)}导入校验报告：${job.file_name}（错误 ${job.error_count} 条，提示 ${job.warning_count} 条）`);
  return { fileName: `校验报告-${job.file_name.replace(/\.xlsx$/i, '')}.xlsx`, bytes };
}
