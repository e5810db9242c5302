import { describe, expect, it } from 'vitest';
import { caseDataItems } from './case-data';

const words = { yes: '是', no: '否' };

describe('caseDataItems: a case data for people', () => {
  // A 贷款风险补偿 claim for January 2020 (鲁工信发〔2020〕1号 第一条): the window closes on the 5th
  // working day after the month, 2020-02-07; 30% of 2,100,000 元 is claimed.
  const claim = {
    data: { month: '2020-01', windowClosesOn: '2020-02-07', bankOrgId: 159, itemCount: 2, principalFen: 210_000_000, claimedFen: 63_000_000, submittedOn: '2020-02-04' },
    dataOrgNames: { 159: '中国工商银行股份有限公司山东省分行' },
  };

  it('names each field in the words of the documents, amounts in 元, dates as people read them', () => {
    expect(caseDataItems(claim, 'zh-CN', words).map((i) => [i.label, i.text])).toEqual([
      ['申报月份', '2020年1月'],
      ['申报截止日', '2020年2月7日'],
      ['贷款银行', '中国工商银行股份有限公司山东省分行'],
      ['贷款笔数', '2'],
      ['贷款金额', '2,100,000.00 元'],
      ['申请补偿金额', '630,000.00 元'],
      ['申报日期', '2020年2月4日'],
    ]);
  });

  it('speaks English when the page does, keeping ISO dates', () => {
    const items = caseDataItems(claim, 'en-US', { yes: 'Yes', no: 'No' });
    expect(items.find((i) => i.key === 'windowClosesOn')).toMatchObject({ label: 'Window closes', text: '2020-02-07' });
    expect(items.find((i) => i.key === 'claimedFen')?.label).toBe('Claimed');
  });

  it('reads a key it does not know by its suffix, and leaves structures to be shown as JSON', () => {
    const items = caseDataItems({ data: { refundFen: 15_968_800, paidOn: '2020-06-30', greenChannel: true, lenderOrgId: 7, extra: { a: 1 }, note: null }, dataOrgNames: {} }, 'zh-CN', words);
    expect(items.map((i) => [i.key, i.text])).toEqual([
      ['refundFen', '159,688.00 元'],
      ['paidOn', '2020年6月30日'],
      ['greenChannel', '是'],
      // An organisation the server could not name is shown by its number, not hidden.
      ['lenderOrgId', '7'],
      ['extra', null],
      ['note', '—'],
    ]);
  });
});
