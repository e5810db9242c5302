import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { idParam, importIssuesQuery, importIssueView, importJobView, importKindLabel, importListQuery, importTemplateParams, pageOf } from '@relief/domain';
import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { App } from '../app';
import { actorOf, requireAuth } from '../platform/auth/guard';
import { AppError, badRequest } from '../platform/errors';
import { sendXlsx } from '../platform/excel';
import type { ImportRunner } from './import-runner';
import { cancelImport, confirmImport, exportImportIssues, getImportJob, listImportIssues, listImportJobs, startImport, type Upload } from './imports.service';
import { writeTemplate } from './templates';

/** Receives a multipart upload: the `file` part streamed to disk, the other parts as fields. */
async function receiveUpload(request: FastifyRequest, dir: string): Promise<Upload> {
  if (!request.isMultipart()) throw badRequest('请以 multipart/form-data 上传：文件放在 file 字段，导入类型放在 kind 字段', null, 'NOT_MULTIPART');
  await mkdir(dir, { recursive: true });
  const fields: Record<string, string> = {};
  let file: { fileName: string; filePath: string } | undefined;
  try {
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (part.fieldname !== 'file' || file) {
          part.file.resume();
          throw badRequest('只能上传一个文件，字段名应为 file', null, 'BAD_UPLOAD');
        }
        const filePath = path.join(dir, `${randomUUID()}.xlsx`);
        file = { fileName: part.filename || 'upload.xlsx', filePath };
        await pipeline(part.file, createWriteStream(filePath));
      } else {
        fields[part.fieldname] = String(part.value ?? '');
      }
    }
  } catch (err) {
    if (file) await rm(file.filePath, { force: true });
    if (err instanceof AppError) throw err;
    // Multipart's own limits, and a body cut short (busboy: "Unexpected end of form"), are the
    // client's problem: never a 500.
    const code = (err as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError(413, 'FILE_TOO_LARGE', '文件超过 50 MB，请拆分后分别上传');
    if (code === 'FST_FILES_LIMIT') throw badRequest('只能上传一个文件，字段名应为 file', null, 'BAD_UPLOAD');
    throw badRequest('上传的内容不完整或格式不正确（应为 multipart/form-data），请重新上传', null, 'BAD_UPLOAD');
  }
  if (!file) throw badRequest('请选择要上传的 Excel 文件（字段 file）', [{ path: 'file', message: '缺少文件' }], 'VALIDATION_FAILED');
  return { ...file, fields };
}

/** Excel imports of the registry and of official lists: upload, report, confirm, cancel, templates. */
export function importRoutes(runner: ImportRunner): FastifyPluginAsyncZod {
  return async (app) => {
    const { ctx } = app as unknown as App;
    const uploadDir = path.join(ctx.config.dataDir, 'imports');

    app.get('/imports/templates/:kind', {
      config: { permission: 'enterprises.import' },
      schema: { tags: ['registry'], summary: '下载导入模板（含“填写说明”工作表）', params: importTemplateParams },
    }, async (request, reply) => sendXlsx(reply, `${importKindLabel(request.params.kind)}导入模板.xlsx`, await writeTemplate(request.params.kind)));

    app.post('/imports', {
      config: { permission: 'enterprises.import' },
      schema: {
        tags: ['registry'], consumes: ['multipart/form-data'],
        summary: '上传 Excel 导入：字段 file（.xlsx）、kind（enterprises 或 list:<名单类型>）；名单另需 listName、batch、issuer、issuedOn，可选 validFrom、validTo、source。返回 202，后台逐行校验',
        response: { 202: importJobView },
      },
    }, async (request, reply) => {
      const upload = await receiveUpload(request, uploadDir);
      return reply.status(202).send(await startImport(ctx, runner, requireAuth(request), actorOf(request), upload));
    });

    app.get('/imports', {
      config: { permission: 'enterprises.import' },
      schema: { tags: ['registry'], summary: '导入任务列表（本机构及下级）', querystring: importListQuery, response: { 200: pageOf(importJobView) } },
    }, async (request) => listImportJobs(ctx, requireAuth(request), request.query));

    app.get('/imports/:id', {
      config: { permission: 'enterprises.import' },
      schema: { tags: ['registry'], summary: '导入任务：状态、进度（百分比）与校验计数', params: idParam, response: { 200: importJobView } },
    }, async (request) => getImportJob(ctx, requireAuth(request), request.params.id));

    app.get('/imports/:id/issues', {
      config: { permission: 'enterprises.import' },
      schema: { tags: ['registry'], summary: '校验报告（错误在前、提示在后，注明行号和列名）', params: idParam, querystring: importIssuesQuery, response: { 200: pageOf(importIssueView) } },
    }, async (request) => listImportIssues(ctx, requireAuth(request), request.params.id, request.query));

    app.get('/imports/:id/issues/export', {
      config: { permission: 'enterprises.import' },
      schema: { tags: ['registry'], summary: '导出校验报告（Excel）', params: idParam },
    }, async (request, reply) => {
      const { fileName, bytes } = await exportImportIssues(ctx, requireAuth(request), request.params.id);
      return sendXlsx(reply, fileName, bytes);
    });

    app.post('/imports/:id/confirm', {
      config: { permission: 'enterprises.import' },
      schema: { tags: ['registry'], summary: '确认导入：后台分批写入全部有效行（只能确认一次）', params: idParam, response: { 202: importJobView } },
    }, async (request, reply) => reply.status(202).send(await confirmImport(ctx, runner, requireAuth(request), actorOf(request), request.params.id)));

    app.post('/imports/:id/cancel', {
      config: { permission: 'enterprises.import' },
      schema: { tags: ['registry'], summary: '取消导入（确认前）：丢弃暂存数据，保留校验报告', params: idParam, response: { 200: importJobView } },
    }, async (request) => cancelImport(ctx, requireAuth(request), actorOf(request), request.params.id));
  };
}
