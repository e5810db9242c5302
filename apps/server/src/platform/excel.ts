import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

/** One column of an exported list: its Chinese header, how to read a row, and its width. */
export interface ExcelColumn<T> {
  header: string;
  value: (row: T) => string | number | null | undefined;
  width?: number;
  /** Excel number format, e.g. '#,##0.00' for 元. */
  numFmt?: string;
}

/**
 * Writes rows as one worksheet (frozen header row, auto-filter) and returns the .xlsx bytes.
 * Every list export of the platform goes through here, so all exports look the same.
 */
export async function writeListWorkbook<T>(sheetName: string, columns: ExcelColumn<T>[], rows: Iterable<T>, title?: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '中小企业纾困服务平台';
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  let headerRow = 1;
  if (title) {
    ws.addRow([title]).font = { bold: true, size: 14 };
    ws.mergeCells(1, 1, 1, Math.max(columns.length, 1));
    headerRow = 2;
  }
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0FF' } };
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width ?? Math.max(10, c.header.length * 2 + 2);
    if (c.numFmt) col.numFmt = c.numFmt;
  });
  for (const row of rows) ws.addRow(columns.map((c) => c.value(row) ?? null));
  ws.views = [{ state: 'frozen', ySplit: headerRow }];
  ws.autoFilter = { from: { row: headerRow, column: 1 }, to: { row: headerRow, column: Math.max(columns.length, 1) } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends .xlsx bytes as a download with a Chinese file name (RFC 6266/5987 encoding). */
export function sendXlsx(reply: FastifyReply, fileName: string, bytes: Buffer) {
  const name = fileName.endsWith('.xlsx') ? fileName : `${fileName}.xlsx`;
  return reply
    .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    .header('Content-Disposition', `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`)
    .send(bytes);
}

/** Export row cap: a list export is for people; bulk extracts go through the database. */
export const EXPORT_LIMIT = 100_000;
