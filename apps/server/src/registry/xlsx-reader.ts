import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { type CellValue, type ImportColumn, matchHeaders, type RawRow } from '@relief/domain';
import ExcelJS from 'exceljs';
import { AppError, badRequest } from '../platform/errors';

// Reads uploaded .xlsx files as a stream (exceljs WorkbookReader): 100 000 rows never sit in
// memory at once, only the shared strings table and the current row.

/** Most data rows one import takes; larger files are split by the user. */
export const MAX_IMPORT_ROWS = 200_000;

/** How many rows from the top may hold titles before the header row. */
const HEADER_SEARCH_ROWS = 5;

const NOT_XLSX = '文件不是有效的 Excel（.xlsx）';

/** Where a sheet's header is and which sheet column holds each template column. */
export interface SheetLayout {
  headerRowNo: number;
  positions: Record<string, number>;
}

/** What an upload holds, found by reading it once: the layout and the number of data rows. */
export interface WorkbookInspection extends SheetLayout {
  dataRows: number;
  ignoredHeaders: string[];
}

/** A cell of exceljs as plain text, number or boolean (rich text joined, formulas by result, dates as YYYY-MM-DD). */
export function plainCell(v: unknown): CellValue {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? null : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown; formula?: unknown; sharedFormula?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if ('formula' in o || 'sharedFormula' in o) return plainCell(o.result);
    if (o.text !== undefined) return plainCell(o.text);
    if (o.error !== undefined) return String(o.error);
  }
  return String(v);
}

async function assertZip(file: string): Promise<void> {
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(8), 0, 8, 0);
    if (bytesRead >= 4 && buffer.readUInt32BE(0) === 0xd0cf11e0) {
      throw badRequest(`${NOT_XLSX}：这是旧版 Excel（.xls）文件，请在 Excel 中“另存为”.xlsx 后上传`, null, 'NOT_XLSX');
    }
    if (bytesRead < 4 || buffer.readUInt32LE(0) !== 0x04034b50) throw badRequest(`${NOT_XLSX}，请使用下载的模板填写后上传`, null, 'NOT_XLSX');
  } finally {
    await handle.close();
  }
}

/**
 * Streams the first worksheet's rows as arrays of plain cells (index = sheet column, 1-based).
 * The file stream is closed when the caller stops early. A damaged file throws a 400 AppError.
 */
export async function* sheetRows(file: string): AsyncGenerator<{ rowNo: number; cells: CellValue[] }> {
  await assertZip(file);
  const input = createReadStream(file);
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit', sharedStrings: 'cache', hyperlinks: 'ignore', styles: 'ignore', entries: 'ignore',
  });
  let started = false;
  try {
    for await (const sheet of reader) {
      started = true;
      for await (const row of sheet) {
        const values = row.values as unknown[];
        const cells: CellValue[] = [];
        for (let i = 1; i < values.length; i++) cells[i] = plainCell(values[i]);
        yield { rowNo: row.number, cells };
      }
      break; // the first worksheet is the data; "填写说明" and others are ignored
    }
  } catch (err) {
    if (err instanceof AppError) throw err;
    throw badRequest(`${NOT_XLSX}：文件已损坏或格式不正确（${(err as Error).message.slice(0, 120)}）`, null, 'NOT_XLSX');
  } finally {
    input.destroy();
  }
  if (!started) throw badRequest(`${NOT_XLSX}：文件中没有工作表`, null, 'NOT_XLSX');
}

const isBlank = (v: CellValue | undefined) => v === null || v === undefined || (typeof v === 'string' && v.trim() === '');

/** The template cells of a sheet row, by column key. */
export function rowByColumns(cells: readonly CellValue[], positions: Record<string, number>): RawRow {
  const raw: Record<string, CellValue> = {};
  for (const [key, pos] of Object.entries(positions)) raw[key] = cells[pos] ?? null;
  return raw;
}

/** True when none of the template's cells of a row holds anything (such rows are skipped). */
export function isBlankRow(raw: RawRow): boolean {
  return Object.values(raw).every(isBlank);
}

/**
 * Reads an upload once, completely: finds the header row (row 1, or the first of the top rows
 * holding every required column, so a title row above is fine), counts the non-blank data rows,
 * and refuses files that are not .xlsx, lack required columns or hold no or too many rows.
 * Reading to the end (rather than stopping after the header) also lets exceljs remove its
 * temporary files.
 */
export async function inspectWorkbook(file: string, columns: readonly ImportColumn[]): Promise<WorkbookInspection> {
  let layout: (SheetLayout & { ignoredHeaders: string[] }) | null = null;
  let firstMissing: string[] | null = null;
  let dataRows = 0;
  let seen = 0;
  for await (const { rowNo, cells } of sheetRows(file)) {
    seen += 1;
    if (!layout) {
      // cells[i] is sheet column i (1-based); matchHeaders wants column i+1 at index i.
      const headers = Array.from({ length: Math.max(0, cells.length - 1) }, (_, i) => {
        const c = cells[i + 1];
        return c === null || c === undefined ? null : String(c);
      });
      const m = matchHeaders(headers, columns);
      if (m.repeated.length) {
        throw badRequest(`表头中「${m.repeated[0]!.header}」出现了两次（第 ${m.repeated[0]!.positions.join('、')} 列），请删除多余的一列`, m.repeated, 'BAD_HEADER');
      }
      if (m.missing.length === 0) layout = { headerRowNo: rowNo, positions: m.positions, ignoredHeaders: m.ignored };
      else if (firstMissing === null) firstMissing = m.missing;
      if (!layout && seen >= HEADER_SEARCH_ROWS) break;
      continue;
    }
    if (!isBlankRow(rowByColumns(cells, layout.positions))) dataRows += 1;
  }
  if (!layout) {
    const missing = firstMissing ?? columns.filter((c) => c.required).map((c) => c.header);
    throw badRequest(`表头缺少必需的列：${missing.join('、')}。请使用下载的模板（第 1 行为表头）`, missing.map((m) => ({ path: m, message: '缺少此列' })), 'MISSING_COLUMNS');
  }
  if (dataRows === 0) throw badRequest(`文件中没有数据行：表头在第 ${layout.headerRowNo} 行，请从下一行起填写`, null, 'EMPTY_FILE');
  if (dataRows > MAX_IMPORT_ROWS) throw badRequest(`文件有 ${dataRows} 行数据，超过单次导入上限 ${MAX_IMPORT_ROWS} 行，请拆分后分别上传`, null, 'TOO_MANY_ROWS');
  return { ...layout, dataRows };
}

/** Streams the non-blank data rows after the header, as template cells by column key. */
export async function* dataRows(file: string, layout: SheetLayout): AsyncGenerator<{ rowNo: number; raw: RawRow }> {
  for await (const { rowNo, cells } of sheetRows(file)) {
    if (rowNo <= layout.headerRowNo) continue;
    const raw = rowByColumns(cells, layout.positions);
    if (!isBlankRow(raw)) yield { rowNo, raw };
  }
}
