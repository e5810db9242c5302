import {
  ENTERPRISE_IMPORT_COLUMNS,
  getListKind,
  type ImportColumn,
  type ImportKind,
  importKindLabel,
  LIST_IMPORT_COLUMNS,
  listKindOfImport,
} from '@relief/domain';
import ExcelJS from 'exceljs';
import { MAX_IMPORT_ROWS } from './xlsx-reader';

// The downloadable import templates. writeListWorkbook (platform/excel.ts) writes one sheet; a
// template needs a second one, "填写说明", so it is written here with the same header style.

const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE6F0FF' } } as const;

/** The template columns of an import kind. */
export function columnsOf(kind: ImportKind): readonly ImportColumn[] {
  return kind === 'enterprises' ? ENTERPRISE_IMPORT_COLUMNS : LIST_IMPORT_COLUMNS;
}

function generalNotes(kind: ImportKind): string[] {
  const list = listKindOfImport(kind);
  const common = [
    '第 1 行为表头，请勿修改列名（可以调整列的顺序、删除非必填列）；数据从第 2 行开始，示例行请删除或改为真实数据。',
    '带 * 的列为必填。统一社会信用代码在一个文件中不能重复，重复的行不导入。',
    `单个文件不超过 50 MB、${MAX_IMPORT_ROWS.toLocaleString('en-US')} 行；只读取第一个工作表。`,
    '上传后系统逐行校验，给出校验报告（错误在前、提示在后，注明行号和列名）。只有在您确认后才写入有效行，有错误的行不会写入。',
  ];
  if (!list) {
    return [...common,
      '企业库中已有的企业（按统一社会信用代码）将被更新；空白的非必填单元格保留原值。',
      '企业规模按工信部联企业〔2011〕300号由行业、从业人员、营业收入、资产总额自动划型，数据不全时不划型并说明原因。'];
  }
  const info = getListKind(list);
  return [...common,
    `本模板用于导入“${info.label}”（${info.basis}）。名单是官方发布的数据，按原文导入，不由系统计算。`,
    '名单名称、批次、发布单位、发布日期、有效期和文号在上传页面填写，对整个文件有效。',
    '企业库中尚无的企业也会记入名单，企业入库后自动关联。'];
}

/**
 * The .xlsx template of an import kind: sheet 1 with the headers (required ones marked *), text
 * format on code columns and one example row; sheet 2 "填写说明" explaining every column.
 */
export async function writeTemplate(kind: ImportKind): Promise<Buffer> {
  const columns = columnsOf(kind);
  const wb = new ExcelJS.Workbook();
  wb.creator = '中小企业纾困服务平台';
  const ws = wb.addWorksheet(kind === 'enterprises' ? '企业名录' : '名单');
  const header = ws.addRow(columns.map((c) => (c.required ? `${c.header}*` : c.header)));
  header.font = { bold: true };
  header.fill = HEADER_FILL;
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    col.width = c.width ?? Math.max(12, c.header.length * 2 + 2);
    // Text format keeps 18-character codes and leading zeros as typed.
    if (c.text) col.numFmt = '@';
    if (c.required) header.getCell(i + 1).font = { bold: true, color: { argb: 'FFC00000' } };
  });
  ws.addRow(columns.map((c) => c.example));
  ws.views = [{ state: 'frozen', ySplit: 1 }];

  const help = wb.addWorksheet('填写说明');
  help.addRow([`${importKindLabel(kind)}导入模板 · 填写说明`]).font = { bold: true, size: 14 };
  help.mergeCells(1, 1, 1, 4);
  const h = help.addRow(['列名', '是否必填', '填写说明', '示例']);
  h.font = { bold: true };
  h.fill = HEADER_FILL;
  for (const c of columns) help.addRow([c.header, c.required ? '必填' : '选填', c.note, c.example]);
  help.addRow([]);
  help.addRow(['注意事项']).font = { bold: true };
  generalNotes(kind).forEach((n, i) => help.addRow([`${i + 1}. ${n}`]));
  help.getColumn(1).width = 22;
  help.getColumn(2).width = 10;
  help.getColumn(3).width = 80;
  help.getColumn(4).width = 24;
  help.getColumn(3).alignment = { wrapText: true, vertical: 'top' };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
