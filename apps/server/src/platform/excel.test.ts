import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { type ExcelColumn, MONEY_FORMAT, writeListWorkbook, yuanCellValue } from './excel';

// The column kinds of list exports, read back as a user's Excel shows them.

describe('writeListWorkbook', () => {
  interface Row { name: string; amountFen: number | null; dueOn: string | null; at: string | null; share: number }
  const columns: ExcelColumn<Row>[] = [
    { header: '名称', value: (r) => r.name },
    { header: '金额（元）', kind: 'money', value: (r) => r.amountFen },
    { header: '到期日', kind: 'date', value: (r) => r.dueOn },
    { header: '时间', kind: 'instant', value: (r) => r.at },
    { header: '占比', value: (r) => r.share, numFmt: '0.0%' },
  ];

  it('writes amounts as numbers in 元, dates and Beijing times in Chinese, blanks for missing values', async () => {
    const bytes = await writeListWorkbook('测试', columns, [
      { name: '甲', amountFen: 300_000_000, dueOn: '2020-02-07', at: '2020-02-09T13:00:00.000Z', share: 0.5 },
      { name: '乙', amountFen: 12_345, dueOn: null, at: null, share: 0.25 },
      { name: '丙', amountFen: null, dueOn: '2021-12-31', at: '2020-02-09T16:30:00.000Z', share: 0 },
    ], '标题');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(2).values).toEqual([undefined, '名称', '金额（元）', '到期日', '时间', '占比']);
    const values = [3, 4, 5].map((r) => [1, 2, 3, 4, 5].map((c) => ws.getRow(r).getCell(c).value));
    expect(values).toEqual([
      ['甲', 3_000_000, '2020年2月7日', '2020年2月9日 21:00', 0.5],
      ['乙', 123.45, null, null, 0.25],
      ['丙', null, '2021年12月31日', '2020年2月10日 00:30', 0],
    ]);
    for (const r of [3, 4, 5]) {
      expect(ws.getRow(r).getCell(2).numFmt).toBe(MONEY_FORMAT);
      expect(ws.getRow(r).getCell(5).numFmt).toBe('0.0%');
    }
  });

  it('yuanCellValue gives the 元 amount of fen, to the fen', () => {
    expect(yuanCellValue(300_000_000)).toBe(3_000_000);
    expect(yuanCellValue(12_345)).toBe(123.45);
    expect(yuanCellValue(-5)).toBe(-0.05);
  });
});
