import { randomUUID } from 'node:crypto';
import { rm } from 'node:fs/promises';
import {
  checkEnterpriseRow,
  checkListRow,
  createDuplicateFinder,
  type EnterpriseImportRow,
  enterpriseSize,
  type ImportIssue,
  type ImportKind,
  type ImportScope,
  type ListImportRow,
  type RawRow,
  registryIssuesForEnterprise,
  registryIssuesForListEntry,
  regionName,
  sortIssues,
  validateUscc,
} from '@relief/domain';
import type { ImportJob } from '../db/schema';
import type { Actor } from '../platform/audit';
import { type AppContext, inTransaction, type Tx } from '../platform/context';
import { AppError } from '../platform/errors';
import { INSTANCE_ID } from '../platform/jobs';
import {
  countyOrganisations,
  deleteStagedRows,
  findEnterprisesByUscc,
  findJob,
  insertEnterpriseOrganisations,
  insertEnterprises,
  insertIssues,
  insertListEntries,
  insertStagedRows,
  linkListEntries,
  nextValidRows,
  stalledJobs,
  updateEnterpriseAtVersion,
  updateOrganisationOf,
} from './registry.repository';
import { columnsOf } from './templates';
import { dataRows, type SheetLayout } from './xlsx-reader';

// The background loops of an import: validate an upload into a stored report and staged rows,
// then, once confirmed, write the staged valid rows into the registry. The job row is the truth:
// every step records its progress, a heartbeat and the loop's token in import_job in the same
// transaction as its data, so a loop that lost its job (cancelled, or taken over after its
// instance stopped) notices at its next step and rolls that step back. Nothing lives in memory
// but the running loop itself.

/** Rows per validation chunk and per write batch (one transaction, one progress update each). */
export const IMPORT_BATCH = 1_000;
/** A loop silent this long is presumed dead; another instance may take its job over. */
export const STALE_AFTER_MS = 2 * 60_000;

/** Thrown inside a step when the job row no longer belongs to this loop: the step rolls back. */
class Superseded extends Error {}

/** Starts and tracks the background import loops of one app instance. */
export interface ImportRunner {
  /** Starts validating an uploaded job. */
  validate(jobId: number): void;
  /** Starts (or resumes) writing a confirmed job whose runner token is `token`. */
  confirm(jobId: number, token: string): void;
  /** A fresh token identifying one loop run. */
  newToken(): string;
  /** Fails stalled validations and resumes stalled writes (other instances' or this one's). */
  sweep(): Promise<void>;
  /** Resolves when no loop is running (tests, shutdown). */
  idle(): Promise<void>;
  /** Stops the loops at their next step and waits for them. */
  close(): Promise<void>;
}

/** Creates the runner of an app instance. */
export function createImportRunner(ctx: AppContext): ImportRunner {
  const running = new Set<Promise<void>>();
  const abort = new AbortController();
  const track = (work: Promise<void>) => {
    const p = work.catch((err) => ctx.log.error({ err }, 'import loop failed')).finally(() => running.delete(p));
    running.add(p);
  };
  const newToken = () => `${INSTANCE_ID}:${randomUUID()}`;
  const runner: ImportRunner = {
    validate: (jobId) => track(runValidation(ctx, jobId, newToken(), abort.signal)),
    confirm: (jobId, token) => track(runConfirm(ctx, jobId, token, abort.signal)),
    newToken,
    sweep: () => sweepStalled(ctx, runner),
    idle: async () => {
      while (running.size) await Promise.allSettled([...running]);
    },
    close: async () => {
      abort.abort();
      await runner.idle();
    },
  };
  return runner;
}

function scopeLabel(prefix: string | null): string {
  if (!prefix) return '山东省';
  return regionName(prefix.padEnd(6, '0')) ?? prefix;
}

async function actorOfJob(ctx: AppContext, userId: number | null, organisationId: number): Promise<Actor> {
  const user = userId === null ? undefined : await ctx.db.selectFrom('app_user').select('username').where('id', '=', userId).executeTakeFirst();
  return { userId, username: user?.username ?? 'system', organisationId, requestId: null };
}

/** Marks a job failed (if this loop still owns it), drops its staged rows and audits why. */
async function markFailed(ctx: AppContext, job: ImportJob, token: string, message: string): Promise<void> {
  const actor = await actorOfJob(ctx, job.confirmed_by ?? job.created_by, job.organisation_id);
  await inTransaction(ctx, actor, async (tx) => {
    const res = await tx.db.updateTable('import_job')
      .set({ status: 'failed', error_message: message, runner: null, file_path: null, finished_at: tx.now.toISOString() })
      .where('id', '=', job.id).where('runner', '=', token).executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) return;
    await deleteStagedRows(tx.db, job.id);
    await tx.audit({ action: 'import.failed', entityType: 'import_job', entityId: job.id, after: { jobId: job.id, message } });
  });
}

interface CheckedRow {
  rowNo: number;
  raw: RawRow;
  value: EnterpriseImportRow | ListImportRow | null;
  issues: ImportIssue[];
}

async function runValidation(ctx: AppContext, jobId: number, token: string, signal: AbortSignal): Promise<void> {
  const claim = await ctx.db.updateTable('import_job').set({ status: 'validating', runner: token, heartbeat_at: ctx.clock.now().toISOString() })
    .where('id', '=', jobId).where('status', '=', 'uploaded').executeTakeFirst();
  if (Number(claim.numUpdatedRows) !== 1) return;
  const job = (await findJob(ctx.db, jobId))!;
  const kind = job.kind as ImportKind;
  const isEnterprise = kind === 'enterprises';
  const columns = columnsOf(kind);
  const layout = JSON.parse(job.layout_json ?? '{}') as SheetLayout;
  const scope: ImportScope = { regionPrefix: job.region_prefix, label: scopeLabel(job.region_prefix) };
  const counties = isEnterprise ? await countyOrganisations(ctx.db) : new Map<string, { id: number; path: string }>();
  const duplicate = createDuplicateFinder(columns[0]!.header);
  const totals = { processed: 0, valid: 0, errors: 0, warnings: 0 };

  const check = async (chunk: { rowNo: number; raw: RawRow }[]): Promise<CheckedRow[]> => {
    const rows: CheckedRow[] = chunk.map(({ rowNo, raw }) => {
      const c = isEnterprise ? checkEnterpriseRow(raw, rowNo) : checkListRow(raw, rowNo);
      const issues = [...c.issues];
      // A row with other errors still claims its code, so fixing it later cannot create a duplicate.
      const code = c.value?.uscc ?? (typeof raw.uscc === 'string' ? validateUscc(raw.uscc) : null);
      const uscc = typeof code === 'string' ? code : code?.valid ? code.normalized : null;
      const dup = uscc ? duplicate(uscc, rowNo) : null;
      if (dup) issues.push(dup);
      return { rowNo, raw, value: dup ? null : c.value, issues };
    });
    const found = new Map((await findEnterprisesByUscc(ctx.db, rows.flatMap((r) => (r.value ? [r.value.uscc] : [])))).map((e) => [e.uscc, { name: e.name, regionCode: e.region_code }]));
    for (const r of rows) {
      if (!r.value) continue;
      const more = isEnterprise
        ? registryIssuesForEnterprise(r.value as EnterpriseImportRow, r.rowNo, found.get(r.value.uscc), { scope, countyInTree: counties.has((r.value as EnterpriseImportRow).regionCode) })
        : registryIssuesForListEntry(r.value as ListImportRow, r.rowNo, found.get(r.value.uscc));
      r.issues.push(...more);
      if (more.some((i) => i.severity === 'error')) r.value = null;
    }
    return rows;
  };

  const flush = async (chunk: { rowNo: number; raw: RawRow }[]) => {
    if (chunk.length === 0) return;
    const rows = await check(chunk);
    const issues = sortIssues(rows.flatMap((r) => r.issues), columns);
    totals.processed += rows.length;
    totals.valid += rows.filter((r) => r.value).length;
    totals.errors += issues.filter((i) => i.severity === 'error').length;
    totals.warnings += issues.filter((i) => i.severity === 'warning').length;
    await ctx.db.transaction().execute(async (trx) => {
      await insertIssues(trx, issues.map((i) => ({ job_id: jobId, row_no: i.rowNo, column_name: i.column, severity: i.severity, code: i.code, message: i.message })));
      await insertStagedRows(trx, rows.map((r) => ({ job_id: jobId, row_no: r.rowNo, data_json: JSON.stringify(r.value ?? r.raw), valid: r.value ? 1 : 0 })));
      const res = await trx.updateTable('import_job').set({
        processed_rows: totals.processed, valid_rows: totals.valid, error_count: totals.errors, warning_count: totals.warnings,
        heartbeat_at: ctx.clock.now().toISOString(),
      }).where('id', '=', jobId).where('status', '=', 'validating').where('runner', '=', token).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new Superseded();
    });
  };

  try {
    let chunk: { rowNo: number; raw: RawRow }[] = [];
    for await (const row of dataRows(job.file_path ?? '', layout)) {
      if (signal.aborted) throw new AppError(503, 'INTERRUPTED', '服务停止，校验中断，请重新上传文件');
      chunk.push(row);
      if (chunk.length >= IMPORT_BATCH) {
        await flush(chunk);
        chunk = [];
      }
    }
    await flush(chunk);
    const actor = await actorOfJob(ctx, job.created_by, job.organisation_id);
    await inTransaction(ctx, actor, async (tx) => {
      const res = await tx.db.updateTable('import_job').set({
        status: 'validated', total_rows: totals.processed, validated_at: tx.now.toISOString(), runner: null, file_path: null, heartbeat_at: tx.now.toISOString(),
      }).where('id', '=', jobId).where('status', '=', 'validating').where('runner', '=', token).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new Superseded();
      await tx.audit({ action: 'import.validated', entityType: 'import_job', entityId: jobId,
        after: { jobId, kind, rows: totals.processed, validRows: totals.valid, errors: totals.errors, warnings: totals.warnings } });
    });
  } catch (err) {
    if (err instanceof Superseded) return;
    const message = err instanceof AppError ? err.message : `校验失败：${(err as Error).message}`;
    if (!(err instanceof AppError)) ctx.log.error({ err, jobId }, 'import validation failed');
    await markFailed(ctx, job, token, message);
  } finally {
    if (job.file_path) await rm(job.file_path, { force: true });
  }
}

/** Writes one batch of enterprise rows: new codes get an organisation under their county and an enterprise; known codes are updated. */
async function writeEnterpriseBatch(tx: Tx, staged: { row_no: number; data_json: string }[], counties: Map<string, { id: number; path: string }>) {
  const values = staged.map((r) => JSON.parse(r.data_json) as EnterpriseImportRow);
  const existing = new Map((await findEnterprisesByUscc(tx.db, values.map((v) => v.uscc))).map((e) => [e.uscc, e]));
  const at = tx.now.toISOString();
  const countyOf = (code: string) => {
    const county = counties.get(code);
    if (!county) throw new Error(`组织机构中没有区划 ${code}`);
    return county;
  };
  const fresh = values.filter((v) => !existing.has(v.uscc));
  if (fresh.length) {
    const orgIds = await insertEnterpriseOrganisations(tx.db, fresh.map((v) => ({
      parent_id: countyOf(v.regionCode).id, kind: 'enterprise', name: v.name, code: v.uscc, region_code: v.regionCode,
      path: '/', status: 'active', created_at: at, updated_at: at,
    })));
    await insertEnterprises(tx.db, fresh.map((v) => {
      const size = enterpriseSize({ ...v });
      return {
        organisation_id: orgIds.get(v.uscc)!, uscc: v.uscc, name: v.name, region_code: v.regionCode, industry_section: v.industrySection,
        industry_code: v.industryCode, industry_row: size.industryRow, employees: v.employees, revenue_fen: v.revenueFen, assets_fen: v.assetsFen,
        size_class: size.sizeClass, size_reason: size.reason, created_at: at, updated_at: at,
      };
    }));
    await linkListEntries(tx.db, fresh.map((v) => v.uscc));
  }
  for (const v of values) {
    const cur = existing.get(v.uscc);
    if (!cur) continue;
    // Blank optional cells keep what the registry holds: an import adds what it knows.
    const industryChanged = v.industrySection !== null || v.industryCode !== null;
    const next = {
      industry_section: v.industrySection ?? cur.industry_section, industry_code: v.industryCode ?? cur.industry_code,
      employees: v.employees ?? cur.employees, revenue_fen: v.revenueFen ?? cur.revenue_fen, assets_fen: v.assetsFen ?? cur.assets_fen,
    };
    const size = enterpriseSize({
      industrySection: next.industry_section, industryCode: next.industry_code, industryRow: industryChanged ? null : cur.industry_row,
      employees: next.employees, revenueFen: next.revenue_fen, assetsFen: next.assets_fen,
    });
    const ok = await updateEnterpriseAtVersion(tx.db, cur.id, cur.version, {
      name: v.name, region_code: v.regionCode, ...next, industry_row: size.industryRow, size_class: size.sizeClass, size_reason: size.reason, updated_at: at,
    });
    if (!ok) throw new Error(`企业 ${v.uscc} 在导入过程中被他人修改`);
    const moved = cur.region_code !== v.regionCode;
    if (moved || cur.name !== v.name) {
      await updateOrganisationOf(tx.db, cur.organisation_id, at, v.name, moved ? { code: v.regionCode, parent: countyOf(v.regionCode) } : null);
    }
  }
  return { created: fresh.length, updated: values.length - fresh.length };
}

/** Writes one batch of list entries, linked to registry enterprises where the code is known. */
async function writeListBatch(tx: Tx, listId: number, staged: { row_no: number; data_json: string }[]) {
  const values = staged.map((r) => JSON.parse(r.data_json) as ListImportRow);
  const known = new Map((await findEnterprisesByUscc(tx.db, values.map((v) => v.uscc))).map((e) => [e.uscc, e]));
  const at = tx.now.toISOString();
  await insertListEntries(tx.db, values.map((v) => ({
    list_id: listId, enterprise_id: known.get(v.uscc)?.id ?? null, uscc: v.uscc, name: v.name,
    region_code: v.regionCode ?? known.get(v.uscc)?.region_code ?? null, remark: v.remark, added_at: at,
  })));
  return { linked: values.filter((v) => known.has(v.uscc)).length };
}

async function runConfirm(ctx: AppContext, jobId: number, token: string, signal: AbortSignal): Promise<void> {
  const job = await findJob(ctx.db, jobId);
  if (!job || job.status !== 'confirming' || job.runner !== token) return;
  const isEnterprise = job.kind === 'enterprises';
  const actor = await actorOfJob(ctx, job.confirmed_by, job.organisation_id);
  const counties = isEnterprise ? await countyOrganisations(ctx.db) : new Map<string, { id: number; path: string }>();
  let cursor = job.cursor_row_no;
  let confirmed = job.confirmed_rows;
  try {
    for (;;) {
      // On shutdown the job stays 'confirming': the sweep of any instance resumes it after `cursor`.
      if (signal.aborted) return;
      const finished = await inTransaction(ctx, actor, async (tx) => {
        const staged = await nextValidRows(tx.db, jobId, cursor, IMPORT_BATCH);
        if (staged.length === 0) return true;
        const summary = isEnterprise ? await writeEnterpriseBatch(tx, staged, counties) : await writeListBatch(tx, job.list_id!, staged);
        const first = staged[0]!;
        const last = staged[staged.length - 1]!;
        const res = await tx.db.updateTable('import_job')
          .set({ confirmed_rows: confirmed + staged.length, cursor_row_no: last.row_no, heartbeat_at: tx.now.toISOString() })
          .where('id', '=', jobId).where('status', '=', 'confirming').where('runner', '=', token).executeTakeFirst();
        if (Number(res.numUpdatedRows) !== 1) throw new Superseded();
        // One audit event per batch of up to 1 000 rows rather than one per row: a 100 000-row
        // import would otherwise append 100 000 events under the audit chain's single lock. The
        // event names the job, whose staged rows and report say exactly what each row was, and
        // the batch's code and row range; the batch and its event commit together.
        const uscc = (r: { data_json: string }) => (JSON.parse(r.data_json) as { uscc: string }).uscc;
        await tx.audit({
          action: isEnterprise ? 'registry.imported' : 'registry.list-imported', entityType: 'import_job', entityId: jobId,
          after: { jobId, listId: job.list_id, rows: staged.length, ...summary, uscc: `${uscc(first)}..${uscc(last)}`, rowNo: `${first.row_no}..${last.row_no}` },
        });
        cursor = last.row_no;
        confirmed += staged.length;
        return false;
      });
      if (finished) break;
    }
    await inTransaction(ctx, actor, async (tx) => {
      const res = await tx.db.updateTable('import_job').set({ status: 'done', finished_at: tx.now.toISOString(), runner: null, heartbeat_at: tx.now.toISOString() })
        .where('id', '=', jobId).where('status', '=', 'confirming').where('runner', '=', token).executeTakeFirst();
      if (Number(res.numUpdatedRows) !== 1) throw new Superseded();
      await deleteStagedRows(tx.db, jobId);
      await tx.audit({ action: 'import.completed', entityType: 'import_job', entityId: jobId, after: { jobId, kind: job.kind, rows: confirmed, listId: job.list_id } });
    });
  } catch (err) {
    if (err instanceof Superseded) return;
    ctx.log.error({ err, jobId }, 'import write failed');
    await markFailed(ctx, job, token, `写入时出错（${(err as Error).message}）。已写入 ${confirmed} 行，每批写入均已记入审计日志；请核对后将其余行重新导入`);
  }
}

async function sweepStalled(ctx: AppContext, runner: ImportRunner): Promise<void> {
  const before = new Date(ctx.clock.now().getTime() - STALE_AFTER_MS).toISOString();
  for (const j of await stalledJobs(ctx.db, before)) {
    if (j.status === 'validating') {
      // The upload sits on the disk of the instance that stopped: it cannot be validated here.
      const job = (await findJob(ctx.db, j.id))!;
      if (job.runner === j.runner && job.heartbeat_at === j.heartbeat_at) {
        await markFailed(ctx, job, j.runner ?? '', '校验中断（处理该文件的服务实例已停止），请重新上传文件');
      }
      continue;
    }
    const token = runner.newToken();
    let q = ctx.db.updateTable('import_job').set({ runner: token, heartbeat_at: ctx.clock.now().toISOString() })
      .where('id', '=', j.id).where('status', '=', 'confirming');
    q = j.heartbeat_at === null ? q.where('heartbeat_at', 'is', null) : q.where('heartbeat_at', '=', j.heartbeat_at);
    const res = await q.executeTakeFirst();
    if (Number(res.numUpdatedRows) === 1) runner.confirm(j.id, token);
  }
}
