import { formatDateZh, regionName, shanghaiDateOf } from '@relief/domain';
import ExcelJS from 'exceljs';
import { MONEY_FORMAT, yuanCellValue } from '../../platform/excel';

// The fixed official layouts of 贷款贴息: 贴息申请表 per application, 汇总表 per city, amounts
// and dates written as platform/excel.ts writes them. Tests read them back cell by cell.

const thin = { style: 'thin' as const };
const BORDER = { top: thin, left: thin, bottom: thin, right: thin };

export interface ApplicationSheetInput {
  caseId: number;
  enterpriseName: string;
  uscc: string;
  regionCode: string;
  contactName: string;
  contactPhone: string;
  submittedAt: string | null;
  stateLabel: string;
  principalFen: number;
  subsidyFen: number;
  contracts: { bankName: string; contractNo: string; effectiveOn: string; drawdownOn: string; maturityOn: string; principalFen: number; annualRatePpm: number; subsidyDays: number; subsidyFen: number }[];
  /** Opinions of the reviewing bodies, in order (organisation, action, date, comment). */
  opinions: { level: string; orgName: string; action: string; at: string; comment: string | null }[];
}

function box(ws: ExcelJS.Worksheet, fromRow: number, toRow: number, cols: number) {
  for (let r = fromRow; r <= toRow; r++) for (let c = 1; c <= cols; c++) ws.getCell(r, c).border = BORDER;
}

/** 疫情防控重点保障企业贷款贴息申请表: one application, its contracts and the review opinions. Columns A–I. */
export async function writeApplicationSheet(a: ApplicationSheetInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '中小企业纾困服务平台';
  const ws = wb.addWorksheet('贴息申请表', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  [6, 22, 18, 15, 15, 15, 16, 10, 16].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  ws.mergeCells('A1:I1');
  ws.getCell('A1').value = '疫情防控重点保障企业贷款贴息申请表';
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:F2');
  ws.getCell('A2').value = '依据：鲁工信发〔2020〕1号 第五条“落实贷款贴息政策”';
  ws.getCell('H2').value = '申请编号';
  ws.getCell('I2').value = a.caseId;
  const field = (row: number, l1: string, v1: string, l2: string, v2: string) => {
    ws.getCell(`A${row}`).value = l1;
    ws.mergeCells(`B${row}:D${row}`);
    ws.getCell(`B${row}`).value = v1;
    ws.mergeCells(`E${row}:F${row}`);
    ws.getCell(`E${row}`).value = l2;
    ws.mergeCells(`G${row}:I${row}`);
    ws.getCell(`G${row}`).value = v2;
  };
  field(3, '企业名称', a.enterpriseName, '统一社会信用代码', a.uscc);
  field(4, '所在地区', regionName(a.regionCode, { withProvince: false }) ?? a.regionCode, '联系人及电话', `${a.contactName} ${a.contactPhone}`);
  field(5, '申请日期', a.submittedAt ? formatDateZh(shanghaiDateOf(a.submittedAt)) : '（未提交）', '办理状态', a.stateLabel);
  box(ws, 3, 5, 9);
  const header = ['序号', '贷款银行', '合同编号', '合同生效日', '放款日', '到期日', '贷款金额（元）', '年利率（%）', '贴息金额（元）'];
  ws.getRow(6).values = header;
  ws.getRow(6).font = { bold: true };
  let row = 7;
  a.contracts.forEach((c, i) => {
    ws.getRow(row).values = [i + 1, c.bankName, c.contractNo, formatDateZh(c.effectiveOn), formatDateZh(c.drawdownOn), formatDateZh(c.maturityOn), yuanCellValue(c.principalFen), c.annualRatePpm / 10_000, yuanCellValue(c.subsidyFen)];
    row++;
  });
  ws.getCell(`A${row}`).value = '合计';
  ws.mergeCells(`A${row}:F${row}`);
  ws.getCell(`G${row}`).value = yuanCellValue(a.principalFen);
  ws.getCell(`I${row}`).value = yuanCellValue(a.subsidyFen);
  ws.getRow(row).font = { bold: true };
  for (let r = 7; r <= row; r++) {
    ws.getCell(`G${r}`).numFmt = MONEY_FORMAT;
    ws.getCell(`I${r}`).numFmt = MONEY_FORMAT;
    ws.getCell(`H${r}`).numFmt = '0.00##';
  }
  box(ws, 6, row, 9);
  row++;
  ws.mergeCells(`A${row}:I${row}`);
  ws.getCell(`A${row}`).value = '计算口径：贴息金额 = 贷款本金 × 实际年利率 × 50% × 贴息天数（自放款日起，不超过365天）÷ 360，四舍五入到分（财金〔2020〕5号；有结息单的，不超过实付利息的50%）。';
  ws.getCell(`A${row}`).alignment = { wrapText: true };
  ws.getRow(row).height = 30;
  row++;
  ws.getRow(row).values = ['', '审核机关', '', '意见', '', '', '日期', '', '说明'];
  ws.getRow(row).font = { bold: true };
  const opinionsFrom = row;
  row++;
  for (const o of a.opinions) {
    ws.getRow(row).values = [o.level, o.orgName, '', o.action, '', '', formatDateZh(shanghaiDateOf(o.at)), '', o.comment ?? ''];
    row++;
  }
  box(ws, opinionsFrom, row - 1, 9);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export interface SummarySheetInput {
  cityName: string;
  deadline: string;
  submittedAt: string | null;
  stateLabel: string;
  items: { enterpriseName: string; uscc: string; regionCode: string; contractCount: number; principalFen: number; subsidyFen: number; stateLabel: string }[];
}

/** 疫情防控重点保障企业贷款贴息汇总表: one city's report to 省工信厅 and 省财政厅. Columns A–H. */
export async function writeSummarySheet(s: SummarySheetInput): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '中小企业纾困服务平台';
  const ws = wb.addWorksheet('汇总表', { pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } });
  [6, 30, 22, 16, 10, 18, 16, 14].forEach((w, i) => { ws.getColumn(i + 1).width = w; });
  ws.mergeCells('A1:H1');
  ws.getCell('A1').value = `${s.cityName}疫情防控重点保障企业贷款贴息汇总表`;
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:E2');
  ws.getCell('A2').value = `填报单位：${s.cityName}工业和信息化主管部门（会同${s.cityName}财政局）`;
  ws.mergeCells('F2:H2');
  ws.getCell('F2').value = `报送截止：${formatDateZh(s.deadline)}`;
  ws.getRow(3).values = ['序号', '企业名称', '统一社会信用代码', '所在县（市、区）', '合同份数', '贷款金额（元）', '贴息金额（元）', '审核状态'];
  ws.getRow(3).font = { bold: true };
  let row = 4;
  s.items.forEach((it, i) => {
    ws.getRow(row).values = [i + 1, it.enterpriseName, it.uscc, regionName(it.regionCode) ?? it.regionCode, it.contractCount, yuanCellValue(it.principalFen), yuanCellValue(it.subsidyFen), it.stateLabel];
    row++;
  });
  ws.getCell(`A${row}`).value = '合计';
  ws.mergeCells(`A${row}:D${row}`);
  ws.getCell(`E${row}`).value = s.items.reduce((n, it) => n + it.contractCount, 0);
  ws.getCell(`F${row}`).value = yuanCellValue(s.items.reduce((n, it) => n + it.principalFen, 0));
  ws.getCell(`G${row}`).value = yuanCellValue(s.items.reduce((n, it) => n + it.subsidyFen, 0));
  ws.getRow(row).font = { bold: true };
  for (let r = 4; r <= row; r++) {
    ws.getCell(`F${r}`).numFmt = MONEY_FORMAT;
    ws.getCell(`G${r}`).numFmt = MONEY_FORMAT;
  }
  box(ws, 3, row, 8);
  row++;
  ws.mergeCells(`A${row}:H${row}`);
  ws.getCell(`A${row}`).value = `报送状态：${s.stateLabel}；报送时间：${s.submittedAt ? formatDateZh(shanghaiDateOf(s.submittedAt)) : '未报送'}。报省工信厅、省财政厅（鲁工信发〔2020〕1号 第五条）。`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
