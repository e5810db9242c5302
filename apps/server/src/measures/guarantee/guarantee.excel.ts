import { type GuaranteeRewardBaseView, ppmToPercentText } from '@relief/domain';
import ExcelJS from 'exceljs';
import { MONEY_FORMAT, yuanCellValue } from '../../platform/excel';

// The reward base (降费奖补基数) in one fixed layout: a title, the period, one row per institution,
// a total row. Amounts in 元 with two decimals, rates as percentages. Tested cell by cell.

export const REWARD_BASE_HEADERS = ['序号', '融资担保机构', '是否获降费奖补支持', '新增小微企业担保笔数', '新增小微企业担保额（元）', '年化担保额（元）', '加权平均年担保费率'] as const;

/** Writes the reward base of a period as the fixed-layout workbook. */
export async function writeRewardBaseWorkbook(view: GuaranteeRewardBaseView, generatedOn: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '中小企业纾困服务平台';
  const ws = wb.addWorksheet('降费奖补基数');
  ws.addRow([`小微企业融资担保降费奖补基数（${view.period}）`]).font = { bold: true, size: 14 };
  ws.mergeCells(1, 1, 1, REWARD_BASE_HEADERS.length);
  ws.addRow([`统计期间：${view.from} 至 ${view.to}；口径：担保起始日在期间内、按工信部联企业〔2011〕300号划为小型或微型的企业；依据：鲁工信发〔2020〕1号 第四条，财建〔2018〕547号；生成日期：${generatedOn}`]);
  ws.mergeCells(2, 1, 2, REWARD_BASE_HEADERS.length);
  const header = ws.addRow([...REWARD_BASE_HEADERS]);
  header.font = { bold: true };
  let count = 0;
  let volume = 0;
  let annualised = 0;
  let weighted = 0n;
  view.rows.forEach((r, i) => {
    ws.addRow([i + 1, r.institutionName, r.rewardFunded ? '是' : '否', r.count, yuanCellValue(r.volumeFen), yuanCellValue(r.annualisedFen), r.avgFeeRatePpm === null ? '—' : ppmToPercentText(r.avgFeeRatePpm)]);
    count += r.count;
    volume += r.volumeFen;
    annualised += r.annualisedFen;
    weighted += BigInt(r.volumeFen) * BigInt(r.avgFeeRatePpm ?? 0);
  });
  const avg = volume > 0 ? Number((weighted * 2n + BigInt(volume)) / (BigInt(volume) * 2n)) : null;
  ws.addRow(['合计', '', '', count, yuanCellValue(volume), yuanCellValue(annualised), avg === null ? '—' : ppmToPercentText(avg)]).font = { bold: true };
  [6, 28, 16, 18, 22, 20, 18].forEach((w, i) => (ws.getColumn(i + 1).width = w));
  ws.getColumn(5).numFmt = MONEY_FORMAT;
  ws.getColumn(6).numFmt = MONEY_FORMAT;
  ws.views = [{ state: 'frozen', ySplit: 3 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

