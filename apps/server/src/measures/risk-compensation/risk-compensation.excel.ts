import { formatDateZh, parseYuanToFen, percentTextToPpm, type RiskCompensationLoanInput, riskCompensationLoanInput, type RiskCompensationPlanView } from '@relief/domain';
import ExcelJS from 'exceljs';
import { badRequest } from '../../platform/errors';
import { MONEY_FORMAT, yuanCellValue } from '../../platform/excel';

// The measure's fixed official layouts: the 拨付计划 (tested cell by cell) and the loan template.

/** Columns of the plan table, in order (the layout's version is in the footer). */
export const PLAN_HEADER = ['序号', '合作银行', '地市', '笔数', '不良贷款本金（元）', '申请补偿金额（元）', '核定补偿金额（元）'] as const;
export const PLAN_LAYOUT_VERSION = 'RC-PLAN-1';

/**
 * Writes the 省级风险补偿资金拨付计划 in its fixed layout:
 * row 1 title (A1:G1 merged); row 2 文号 (A2) and 下达日期 (E2); row 3 单位：元; row 4 the header;
 * then one row per bank × city; then 合计 whose figures equal the sums of the rows; then the issuer.
 */
export async function writePlanWorkbook(plan: RiskCompensationPlanView): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '中小企业纾困服务平台';
  const ws = wb.addWorksheet('拨付计划');
  ws.columns = [{ width: 6 }, { width: 36 }, { width: 12 }, { width: 8 }, { width: 20 }, { width: 20 }, { width: 20 }];
  ws.mergeCells('A1:G1');
  ws.getCell('A1').value = '省级风险补偿资金拨付计划';
  ws.getCell('A1').font = { bold: true, size: 16 };
  ws.getCell('A1').alignment = { horizontal: 'center' };
  ws.mergeCells('A2:D2');
  ws.getCell('A2').value = `文号：${plan.planNo}`;
  ws.mergeCells('E2:G2');
  ws.getCell('E2').value = `下达日期：${formatDateZh(plan.issuedOn)}`;
  ws.getCell('E2').alignment = { horizontal: 'right' };
  ws.getCell('A3').value = '依据：鲁工信发〔2020〕1号 第一条';
  ws.getCell('G3').value = '单位：元';
  ws.getCell('G3').alignment = { horizontal: 'right' };
  const header = ws.getRow(4);
  PLAN_HEADER.forEach((h, i) => { header.getCell(i + 1).value = h; });
  header.font = { bold: true };
  let r = 5;
  plan.rows.forEach((row, i) => {
    const x = ws.getRow(r++);
    x.values = [i + 1, row.bankName, row.cityName, row.items, yuanCellValue(row.principalFen), yuanCellValue(row.claimedFen), yuanCellValue(row.approvedFen)];
  });
  const total = ws.getRow(r++);
  total.values = ['合计', '', '', plan.totals.items, yuanCellValue(plan.totals.principalFen), yuanCellValue(plan.totals.claimedFen), yuanCellValue(plan.totals.approvedFen)];
  total.font = { bold: true };
  ws.mergeCells(total.number, 1, total.number, 3);
  for (let i = 5; i < r; i++) for (const c of [5, 6, 7]) ws.getRow(i).getCell(c).numFmt = MONEY_FORMAT;
  for (let i = 4; i < r; i++) {
    for (let c = 1; c <= 7; c++) ws.getRow(i).getCell(c).border = { top: { style: 'thin' }, left: { style: 'thin' }, bottom: { style: 'thin' }, right: { style: 'thin' } };
  }
  r += 1;
  ws.getCell(`A${r}`).value = `下达单位：山东省工业和信息化厅  状态：${plan.status === 'paid' ? `已拨付（${formatDateZh(plan.paidOn!)}）` : '已下达'}  版式 ${PLAN_LAYOUT_VERSION}`;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** The loan template's columns: header, key, and how to read the cell. */
export const LOAN_COLUMNS = [
  { key: 'contractNo', header: '贷款合同编号' },
  { key: 'borrowerUscc', header: '借款企业统一社会信用代码' },
  { key: 'amount', header: '贷款金额（元）' },
  { key: 'startOn', header: '发放日期' },
  { key: 'maturityOn', header: '到期日期' },
  { key: 'annualRate', header: '年利率（%）' },
  { key: 'loanType', header: '贷款种类' },
  { key: 'nonPerformingOn', header: '认定不良日期' },
  { key: 'nonPerformingPrincipal', header: '不良贷款本金（元）' },
] as const;

const LOAN_TYPE_BY_LABEL: Record<string, RiskCompensationLoanInput['loanType']> = {
  流动资金贷款: 'working_capital', 流动资金: 'working_capital', 技术改造类项目贷款: 'technical_renovation', 技术改造: 'technical_renovation', 技术改造贷款: 'technical_renovation',
};

/** The loan template with one example row and a sheet of instructions. */
export async function writeLoanTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('贷款');
  ws.addRow(LOAN_COLUMNS.map((c) => c.header)).font = { bold: true };
  ws.columns = LOAN_COLUMNS.map(() => ({ width: 22 }));
  const help = wb.addWorksheet('填写说明');
  for (const line of [
    '每行一笔贷款；第 1 行为表头，请勿修改。',
    '金额以元为单位，最多两位小数；年利率以百分数填写，如 4.35。',
    '日期写作 2020-02-15；贷款种类填写“流动资金贷款”或“技术改造类项目贷款”。',
    '借款企业须已在企业库中（由所在地工信部门导入或企业注册）。',
    '依据：鲁工信发〔2020〕1号 第一条：自2020年1月1日起至疫情防控期间发生的小微企业贷款，逾期认定为不良后按月申请补偿。',
  ]) help.addRow([line]);
  help.getColumn(1).width = 100;
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** One problem of an uploaded row, by row number and column header. */
export interface UploadIssue { rowNo: number; column: string; severity: 'error' | 'warning'; message: string }

function cellText(v: ExcelJS.CellValue): string {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((t) => t.text).join('');
    if ('result' in o) return cellText(o.result as ExcelJS.CellValue);
    if (o.text !== undefined) return String(o.text);
  }
  return String(v).trim();
}

const MAX_ROWS = 5000;

/**
 * Reads an uploaded loan workbook (first sheet, header in row 1) into loan inputs, with the
 * problems of each row named by row and column. Synchronous in memory: files up to 5 000 rows.
 * @throws 400 when the file is not .xlsx, lacks columns or has no or too many rows.
 */
export async function readLoanWorkbook(bytes: Buffer): Promise<{ total: number; rows: { rowNo: number; input: RiskCompensationLoanInput }[]; issues: UploadIssue[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch {
    throw badRequest('文件不是有效的 Excel（.xlsx），请使用下载的模板填写后上传', null, 'NOT_XLSX');
  }
  const ws = wb.worksheets[0];
  if (!ws) throw badRequest('文件中没有工作表', null, 'NOT_XLSX');
  const headerRow = ws.getRow(1);
  const pos = new Map<string, number>();
  headerRow.eachCell((cell, col) => {
    const h = cellText(cell.value);
    const c = LOAN_COLUMNS.find((x) => x.header === h);
    if (c) pos.set(c.key, col);
  });
  const missing = LOAN_COLUMNS.filter((c) => !pos.has(c.key)).map((c) => c.header);
  if (missing.length) throw badRequest(`表头缺少必需的列：${missing.join('、')}。请使用下载的模板（第 1 行为表头）`, missing.map((m) => ({ path: m, message: '缺少此列' })), 'MISSING_COLUMNS');
  const rows: { rowNo: number; input: RiskCompensationLoanInput }[] = [];
  const issues: UploadIssue[] = [];
  let total = 0;
  for (let rowNo = 2; rowNo <= ws.rowCount; rowNo++) {
    const row = ws.getRow(rowNo);
    const raw = Object.fromEntries(LOAN_COLUMNS.map((c) => [c.key, cellText(row.getCell(pos.get(c.key)!).value)])) as Record<(typeof LOAN_COLUMNS)[number]['key'], string>;
    if (Object.values(raw).every((v) => v === '')) continue;
    total += 1;
    if (total > MAX_ROWS) throw badRequest(`文件超过 ${MAX_ROWS} 行，请拆分后分别上传`, null, 'TOO_MANY_ROWS');
    const header = (key: string) => LOAN_COLUMNS.find((c) => c.key === key)!.header;
    const rowIssues: UploadIssue[] = [];
    const err = (key: string, message: string) => rowIssues.push({ rowNo, column: header(key), severity: 'error', message });
    const amountFen = parseYuanToFen(raw.amount);
    if (amountFen === null) err('amount', `“${raw.amount}”不是有效金额（元，最多两位小数）`);
    const npFen = parseYuanToFen(raw.nonPerformingPrincipal);
    if (npFen === null) err('nonPerformingPrincipal', `“${raw.nonPerformingPrincipal}”不是有效金额（元，最多两位小数）`);
    const ratePpm = percentTextToPpm(raw.annualRate);
    if (ratePpm === null) err('annualRate', `“${raw.annualRate}”不是有效的年利率（百分数，如 4.35）`);
    const loanType = LOAN_TYPE_BY_LABEL[raw.loanType] ?? (raw.loanType === 'working_capital' || raw.loanType === 'technical_renovation' ? raw.loanType : undefined);
    if (!loanType) err('loanType', `“${raw.loanType}”不是可选的贷款种类（流动资金贷款、技术改造类项目贷款）`);
    if (rowIssues.length === 0) {
      const parsed = riskCompensationLoanInput.safeParse({
        contractNo: raw.contractNo, borrowerUscc: raw.borrowerUscc, amountFen, startOn: raw.startOn, maturityOn: raw.maturityOn, annualRatePpm: ratePpm,
        loanType, nonPerformingOn: raw.nonPerformingOn, nonPerformingPrincipalFen: npFen,
      });
      if (!parsed.success) {
        for (const i of parsed.error.issues) {
          const key = String(i.path[0] ?? 'contractNo');
          const col = key === 'amountFen' ? 'amount' : key === 'nonPerformingPrincipalFen' ? 'nonPerformingPrincipal' : key === 'annualRatePpm' ? 'annualRate' : key;
          err(LOAN_COLUMNS.some((c) => c.key === col) ? col : 'contractNo', i.message);
        }
      } else rows.push({ rowNo, input: parsed.data });
    }
    issues.push(...rowIssues);
  }
  if (total === 0) throw badRequest('文件中没有数据行：表头在第 1 行，请从第 2 行起填写', null, 'EMPTY_FILE');
  return { total, rows, issues };
}
