import type { CaseDetail } from '@relief/domain';
import { formatDate, formatYuanWithUnit } from '../../lib/format';

// The generic case page lists a case's data for people: the words of the documents and amounts in
// 元, not the keys and fen the measures store. The measures' pages show their own richer views;
// this covers what a case carries in any measure, and reads a key it does not know by its suffix.

type Kind = 'fen' | 'date' | 'month' | 'org' | 'count' | 'bool' | 'text';

const FIELDS: Record<string, { zh: string; en: string; kind: Kind }> = {
  month: { zh: '申报月份', en: 'Month', kind: 'month' },
  windowClosesOn: { zh: '申报截止日', en: 'Window closes', kind: 'date' },
  submittedOn: { zh: '申报日期', en: 'Submitted on', kind: 'date' },
  bankOrgId: { zh: '贷款银行', en: 'Bank', kind: 'org' },
  operatorOrgId: { zh: '转贷运营机构', en: 'Bridge-fund operator', kind: 'org' },
  countyOrgId: { zh: '县级工信部门', en: 'County MIIT', kind: 'org' },
  countyFinanceOrgId: { zh: '县级财政部门', en: 'County finance', kind: 'org' },
  cityOrgId: { zh: '市级工信部门', en: 'City MIIT', kind: 'org' },
  cityFinanceOrgId: { zh: '市级财政部门', en: 'City finance', kind: 'org' },
  cityCode: { zh: '所在市代码', en: 'City code', kind: 'text' },
  itemCount: { zh: '贷款笔数', en: 'Loans', kind: 'count' },
  contractCount: { zh: '合同份数', en: 'Contracts', kind: 'count' },
  application_count: { zh: '申请数', en: 'Applications', kind: 'count' },
  principalFen: { zh: '贷款金额', en: 'Principal', kind: 'fen' },
  principal_fen: { zh: '贷款金额', en: 'Principal', kind: 'fen' },
  claimedFen: { zh: '申请补偿金额', en: 'Claimed', kind: 'fen' },
  approvedFen: { zh: '核定补偿金额', en: 'Approved', kind: 'fen' },
  bridgeAmountFen: { zh: '转贷金额', en: 'Bridge amount', kind: 'fen' },
  feeFen: { zh: '转贷费用', en: 'Fee', kind: 'fen' },
  subsidyFen: { zh: '贴息金额', en: 'Subsidy', kind: 'fen' },
  subsidy_fen: { zh: '贴息金额', en: 'Subsidy', kind: 'fen' },
  greenChannel: { zh: '绿色通道', en: 'Green channel', kind: 'bool' },
  uscc: { zh: '统一社会信用代码', en: 'USCC', kind: 'text' },
  enterpriseId: { zh: '企业编号', en: 'Enterprise no.', kind: 'text' },
  enterpriseName: { zh: '企业名称', en: 'Enterprise', kind: 'text' },
  contractNo: { zh: '合同编号', en: 'Contract no.', kind: 'text' },
  compensationId: { zh: '代偿编号', en: 'Compensation no.', kind: 'text' },
  planId: { zh: '拨付计划编号', en: 'Payment plan no.', kind: 'text' },
  previousDueOn: { zh: '原追偿期限', en: 'Previous due date', kind: 'date' },
  requestedDueOn: { zh: '申请延至', en: 'Requested due date', kind: 'date' },
  reason: { zh: '理由', en: 'Reason', kind: 'text' },
};

/** What a key not in the table most likely holds, from the naming the measures use. */
function kindOf(key: string, value: unknown): Kind {
  if (/(Fen|_fen)$/.test(key)) return 'fen';
  if (/(On|_on)$/.test(key)) return 'date';
  if (key.endsWith('OrgId')) return 'org';
  if (/(Count|_count)$/.test(key)) return 'count';
  return typeof value === 'boolean' ? 'bool' : 'text';
}

export interface CaseDataItem {
  key: string;
  label: string;
  /** The value for people; null when it is a structure to show as JSON. */
  text: string | null;
}

/** The case's data as labelled, formatted items in the order the measure stored them. */
export function caseDataItems(detail: Pick<CaseDetail, 'data' | 'dataOrgNames'>, locale: string, words: { yes: string; no: string }): CaseDataItem[] {
  const zh = locale === 'zh-CN';
  return Object.entries(detail.data).map(([key, value]) => {
    const known = FIELDS[key];
    const label = known ? (zh ? known.zh : known.en) : key;
    return { key, label, text: formatValue(known?.kind ?? kindOf(key, value), value, detail.dataOrgNames, locale, words) };
  });
}

function formatValue(kind: Kind, v: unknown, orgNames: Record<string, string>, locale: string, words: { yes: string; no: string }): string | null {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'object') return null;
  switch (kind) {
    case 'fen':
      return typeof v === 'number' ? formatYuanWithUnit(v) : String(v);
    case 'date':
      return typeof v === 'string' ? formatDate(v, locale) : String(v);
    case 'month': {
      const m = typeof v === 'string' ? /^(\d{4})-(\d{2})$/.exec(v) : null;
      return m && locale === 'zh-CN' ? `${m[1]}年${Number(m[2])}月` : String(v);
    }
    case 'org':
      return orgNames[String(v)] ?? String(v);
    case 'bool':
      return v ? words.yes : words.no;
    case 'count':
    case 'text':
      return typeof v === 'boolean' ? (v ? words.yes : words.no) : String(v);
  }
}
