// The bridge-loan workspace's words (应急转贷, 鲁工信发〔2020〕1号 第二条), in the documents' terms.
export const T = {
  title: '应急转贷',
  nav: { todo: '待办', list: '转贷申请', apply: '申请转贷', consultations: '咨询登记', supervision: '监管统计', rules: '业务规则与流程' },
  field: {
    caseId: '编号', enterprise: '企业', uscc: '统一社会信用代码', state: '状态', green: '绿色通道', operator: '运营机构', bank: '贷款银行',
    contract: '借款合同编号', loanType: '贷款种类', loanAmount: '到期贷款金额（元）', maturity: '贷款到期日', bridgeAmount: '转贷金额（元）', days: '使用天数',
    contact: '联系人', phone: '联系电话', remark: '备注', submittedAt: '申请时间', due: '办理期限', feeRate: '费率', fee: '转贷费（元）',
    renewalAmount: '续贷金额（元）', renewalExpectedOn: '预计续贷放款日', disbursedOn: '放款日期', disbursedAmount: '放款金额（元）',
    repaymentDueOn: '应还日期', repaidOn: '归还日期', repaidAmount: '归还金额（元）', commitment: '续贷承诺书', greenList: '名单',
  },
  greenTag: '绿色通道',
  greenHint: '疫情防控物资保障重点生产企业：当日受理办结',
  overdueTag: '逾期未还',
  saveDraft: '保存草稿',
  submit: '提交申请',
  upload: '上传续贷承诺书',
  uploadHint: 'PDF、JPG 或 PNG，不超过 10 MB',
  all: '全部',
  search: '企业名称、合同编号或信用代码',
  noActions: '当前没有您可以办理的操作',
  comment: '意见或理由',
  feeCapHint: (cap: string, max: string) => `疫情期间费率不超过 ${cap}（鲁工信发〔2020〕1号 第二条），本笔转贷费最多 ${max} 元`,
  consult: { ask: '网上咨询', record: '登记来电', channel: '渠道', asker: '咨询人', question: '问题', answer: '答复', answerAction: '答复', phone: '电话', online: '网上', unanswered: '待答复' },
  sup: { applications: '申请笔数', disbursed: '放款笔数', amount: '放款金额（元）', amountChart: '放款金额（万元）', fee: '转贷费（元）', avgHours: '申请至放款平均用时（小时）', greenRate: '绿色通道当日办结率', overdue: '逾期未还笔数', byOperator: '按运营机构', byCity: '按市' },
} as const;

export const LOAN_TYPE_LABELS: Record<string, string> = { working_capital: '流动资金贷款', technical_renovation: '技术改造类项目贷款' };
export const STATE_OPTIONS = [
  ['draft', '草稿'], ['submitted', '待受理'], ['returned', '退回修改'], ['accepted', '待银行确认续贷'], ['confirmed', '待放款'],
  ['disbursed', '已放款待归还'], ['overdue', '逾期未还'], ['repaid', '已归还办结'], ['rejected', '不予受理'], ['withdrawn', '已撤回'],
] as const;
