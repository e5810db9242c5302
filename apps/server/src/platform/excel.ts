import { formatDateZh, formatInstantZh } from '@relief/domain';
import ExcelJS from 'exceljs';
import type { FastifyReply } from 'fastify';

// How every workbook of the platform writes what people read: amounts as numbers in 元 (so Excel
// can sum them) with MONEY_FORMAT, civil dates as 2020年2月7日 and instants as Beijing time,
// 2020年2月9日 21:00, whatever the server's time zone. List exports get this from the column kind;
// the fixed official layouts use the same exports.

/** Excel number format of amounts in 元: thousands separators, two decimals. */
export const MONEY_FORMAT = '#,##0.00';

/**
 * An amount in fen as the number of 元 an Excel cell holds (format it with MONEY_FORMAT):
 * 300000000 → 3000000. Division by 100 gives the double nearest the exact 元 amount.
 */
export function yuanCellValue(fen: number): number {
  return fen / 100;
}

interface ColumnBase {
  /** The Chinese header. */
  header: string;
  width?: number;
}

/** Text, or a number that is not an amount (counts, rates), written as it is. */
interface PlainColumn<T> extends ColumnBase {
  kind?: 'text';
  value: (row: T) => string | number | null | undefined;
  /** Excel number format of a numeric column, e.g. '0.00%'. Amounts use kind 'money'. */
  numFmt?: string;
}

/** An amount in integer fen, written as a number in 元 with MONEY_FORMAT. */
interface MoneyColumn<T> extends ColumnBase {
  kind: 'money';
  value: (row: T) => number | null | undefined;
}

/** A civil date 'YYYY-MM-DD', written as 2020年2月7日. */
interface DateColumn<T> extends ColumnBase {
  kind: 'date';
  value: (row: T) => string | null | undefined;
}

/** An instant (ISO 8601 with offset), written as Beijing time: 2020年2月9日 21:00. */
interface InstantColumn<T> extends ColumnBase {
  kind: 'instant';
  value: (row: T) => string | null | undefined;
}

/**
 * One column of an exported list: its Chinese header, how to read a row, and its width. `kind`
 * says what the value is (fen, civil date, instant), so the writer, not each route, decides how
 * people see it.
 */
export type ExcelColumn<T> = PlainColumn<T> | MoneyColumn<T> | DateColumn<T> | InstantColumn<T>;

function cellValue<T>(c: ExcelColumn<T>, row: T): string | number | null {
  switch (c.kind) {
    case 'money': {
      const fen = c.value(row);
      return fen === null || fen === undefined ? null : yuanCellValue(fen);
    }
    case 'date': {
      const date = c.value(row);
      return date ? formatDateZh(date) : null;
    }
    case 'instant': {
      const instant = c.value(row);
      return instant ? formatInstantZh(instant) : null;
    }
    default:
      return c.value(row) ?? null;
  }
}

function numFmtOf<T>(c: ExcelColumn<T>): string | undefined {
  if (c.kind === 'money') return MONEY_FORMAT;
  return c.kind === undefined || c.kind === 'text' ? c.numFmt : undefined;
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
    const numFmt = numFmtOf(c);
    if (numFmt) col.numFmt = numFmt;
  });
  for (const row of rows) ws.addRow(columns.map((c) => cellValue(c, row)));
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
