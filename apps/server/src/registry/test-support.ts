import { randomUUID } from 'node:crypto';
import { computeOrgCodeCheckChar, computeUsccCheckChar } from '@relief/domain';
import ExcelJS from 'exceljs';
import type { App } from '../app';
import type { Session } from '../test/harness';

// Helpers for the registry's tests and benchmark: valid codes, workbooks, multipart uploads.

/** A valid 统一社会信用代码 for a region and serial (both GB 32100 and the embedded GB 11714 check pass). */
export function makeUscc(region: string, serial: number): string {
  const org8 = String(serial).padStart(8, '0');
  const first17 = `91${region}${org8}${computeOrgCodeCheckChar(org8)}`;
  return first17 + computeUsccCheckChar(first17);
}

/** The same code with a wrong check character. */
export function corruptUscc(code: string): string {
  return code.slice(0, 17) + (code.endsWith('0') ? '1' : '0');
}

/** An .xlsx with one sheet: a header row, then the rows (codes written as text). */
export async function workbook(header: string[], rows: (string | number | null)[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Sheet1');
  ws.addRow(header);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The enterprise template's headers in order. */
export const ENTERPRISE_HEADER = ['统一社会信用代码', '企业名称', '所在地区划代码', '行业门类', '国民经济行业代码', '从业人员（人）', '营业收入（元）', '资产总额（元）'];
/** The list template's headers in order. */
export const LIST_HEADER = ['统一社会信用代码', '企业名称', '所在地区划代码', '备注'];

/** A multipart/form-data body with fields and an optional file part named `file`. */
export function multipart(fields: Record<string, string>, file?: { name: string; content: Buffer; type?: string }) {
  const boundary = `----relief${randomUUID().replaceAll('-', '')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\n`
      + `Content-Type: ${file.type ?? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'}\r\n\r\n`), file.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

/** Uploads a file as a session. */
export function upload(app: App, session: Session, fields: Record<string, string>, file?: { name: string; content: Buffer }) {
  const body = multipart(fields, file);
  return app.inject({ method: 'POST', url: '/api/imports', payload: body.payload, headers: { ...body.headers, cookie: session.cookie, 'x-csrf-token': session.csrf } });
}

/** Polls an import job until it leaves the running states; returns its last view. */
export async function waitForJob(app: App, session: Session, id: number, timeoutMs = 60_000): Promise<{ status: string; [k: string]: unknown }> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const res = await app.inject({ method: 'GET', url: `/api/imports/${id}`, headers: { cookie: session.cookie } });
    const job = res.json();
    if (!['uploaded', 'validating', 'confirming'].includes(job.status)) return job;
    if (Date.now() > until) throw new Error(`import ${id} still ${job.status} after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
