import { type BridgeLoanSupervisionRow, type BridgeLoanSupervisionView, formatDateZh } from '@relief/domain';
import ExcelJS from 'exceljs';
import { MONEY_FORMAT, yuanCellValue } from '../../platform/excel';

// The fixed layout of the supervision table (应急转贷业务监管统计表): a title row, the period, one
// header row, then rows by operator (sheet 1) and by city (sheet 2), amounts in 元 with 2 decimals.

/** The columns of both sheets, in order. */
export const SUPERVISION_HEADERS = ['序号', '名称', '申请笔数', '放款笔数', '放款金额（元）', '转贷费（元）', '申请至放款平均用时（小时）', '绿色通道笔数', '当日办结笔数', '当日办结率', '逾期未还笔数', '逾期未还金额（元）'] as const;

function rowValues(i: number | string, r: BridgeLoanSupervisionRow): (string | number | null)[] {
  return [i, r.name, r.applications, r.disbursed, yuanCellValue(r.disbursedFen), yuanCellValue(r.feeFen), r.avgHoursToDisburse, r.greenCases, r.greenOnTime,
    r.greenOnTimeRatePpm === null ? null : r.greenOnTimeRatePpm / 1_000_000, r.overdue, yuanCellValue(r.overdueFen)];
}

function sheet(wb: ExcelJS.Workbook, name: string, title: string, period: string, rows: BridgeLoanSupervisionRow[], totals: BridgeLoanSupervisionRow) {
  const ws = wb.addWorksheet(name);
  ws.addRow([title]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, SUPERVISION_HEADERS.length);
  ws.addRow([period]);
  ws.mergeCells(2, 1, 2, SUPERVISION_HEADERS.length);
  const header = ws.addRow([...SUPERVISION_HEADERS]);
  header.font = { bold: true };
  rows.forEach((r, i) => ws.addRow(rowValues(i + 1, r)));
  ws.addRow(rowValues('合计', totals)).font = { bold: true };
  SUPERVISION_HEADERS.forEach((h, i) => { ws.getColumn(i + 1).width = i === 1 ? 32 : Math.max(10, h.length * 2); });
  for (const c of [5, 6, 12]) ws.getColumn(c).numFmt = MONEY_FORMAT;
  ws.getColumn(10).numFmt = '0.0%';
  ws.views = [{ state: 'frozen', ySplit: 3 }];
}

/** Writes the supervision table (by operator, by city) as .xlsx bytes. */
export async function writeSupervisionWorkbook(v: BridgeLoanSupervisionView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '中小企业纾困服务平台';
  const period = `统计期间：${v.from ? formatDateZh(v.from) : '开始'} 至 ${v.to ? formatDateZh(v.to) : '今'}（按申请日期）`;
  sheet(wb, '按运营机构', '应急转贷业务监管统计表（按运营机构）', period, v.byOperator, v.totals);
  sheet(wb, '按市', '应急转贷业务监管统计表（按市）', period, v.byCity, v.totals);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
