// The Chinese words of 贷款风险补偿 (鲁工信发〔2020〕1号 第一条), in the documents' own terms.
export const T = {
  nav: { loans: '贷款登记', claims: '补偿申请', review: '待审核', plans: '拨付计划', dashboard: '统计' },
  loanTypes: { working_capital: '流动资金贷款', technical_renovation: '技术改造类项目贷款' } as Record<string, string>,
  outcomes: { pending: '待初审', approved: '同意', cut: '核减', refused: '不予补偿' } as Record<string, string>,
  outcomeColors: { pending: 'default', approved: 'green', cut: 'orange', refused: 'red' } as Record<string, string>,
  sizes: { large: '大型', medium: '中型', small: '小型', micro: '微型' } as Record<string, string>,
  loan: {
    title: '贷款登记', add: '登记贷款', upload: 'Excel 批量登记', template: '下载模板', contractNo: '合同编号', borrower: '借款企业', uscc: '统一社会信用代码',
    amount: '贷款金额（元）', startOn: '发放日期', maturityOn: '到期日期', rate: '年利率（%）', type: '贷款种类', npOn: '认定不良日期', npPrincipal: '不良贷款本金（元）',
    eligible: '补偿条件', eligibleYes: '符合', eligibleNo: '不符合', claim: '补偿申请', city: '借款企业所在市', bank: '银行', search: '合同编号、企业名称或代码',
    month: '认定不良月份', claimed: '是否已申请', claimedYes: '已申请', claimedNo: '未申请', registered: '已登记，补偿条件核验结果已显示',
  },
  upload: {
    title: '上传贷款 Excel', choose: '选择 .xlsx 文件', report: '校验报告', total: '数据行', valid: '有效行', errors: '错误', warnings: '提示', confirm: '确认登记有效行',
    confirmed: '已登记', row: '行号', column: '列', message: '说明', severity: '类别', error: '错误', warning: '提示', hint: '校验报告已保存；确认后才会登记，错误行不会登记。',
  },
  claim: {
    title: '补偿申请', new: '提出补偿申请', month: '申请月份', bank: '银行', state: '状态', items: '笔数', principal: '不良贷款本金（元）', claimed: '申请补偿（元）',
    approved: '核定补偿（元）', submittedOn: '提交日期', window: '申报期限', due: '当前环节期限', submit: '提交申报', detail: '补偿申请详情',
    windowText: (closes: string, left: number) => `申报截止 ${closes} 24:00，剩余 ${left} 个工作日`, windowClosed: (closes: string) => `申报已于 ${closes} 24:00 截止`,
    created: '补偿申请已生成，请核对后提交申报', submitted: '已提交省财金集团初审', basis: '计算方法', outcome: '初审结果', reason: '理由', disbursedOn: '拨付日期',
    ratio: (p: string) => `补偿金额 = 不良贷款本金 × ${p}（省级风险补偿比例，来源：山东省财政厅口径；四舍五入到分）`, loansOfMonth: '本月认定为不良、符合条件且未申请的贷款将全部列入申请',
    overdue: '超期', planned: '拨付计划',
  },
  review: {
    fg: '逐笔初审', submitFg: '初审通过，报省工信厅复核', dept: '复核通过', approve: '同意', cut: '核减', refuse: '不予补偿', cutAmount: '核定金额（元）', reasonNeeded: '请填写理由',
    done: '初审意见已提交', deptDone: '已复核通过，待下达拨付计划', comment: '审核意见',
  },
  plan: {
    title: '拨付计划', builder: '编制拨付计划', select: '选择已复核通过的申请', preview: '预览汇总', issue: '下达拨付计划', download: '下载 Excel', paid: '标记已拨付',
    planNo: '文号', issuedOn: '下达日期', status: '状态', total: '核定补偿合计（元）', statusIssued: '已下达', statusPaid: '已拨付', byBankCity: '按银行、地市', bank: '合作银行',
    city: '地市', items: '笔数', approved: '核定补偿（元）', totals: '合计', issued: (no: string) => `拨付计划 ${no} 已下达`, paidDone: '已标记拨付，相关贷款转为已拨付', none: '暂无已复核待列入计划的申请',
  },
  dashboard: {
    title: '贷款风险补偿统计', claims: '申请数', claimed: '申请补偿（元）', approved: '核定补偿（元）', disbursed: '已拨付（元）', overdue: '超期未办', stage: '环节', done: '已办',
    onTime: '按期', onTimeRate: '按期率', avgDays: '平均用时（工作日）', byCity: '按地市', byBank: '按银行', name: '名称', chartClaimed: '申请补偿（万元）', chartApproved: '核定补偿（万元）',
    from: '起始月份', to: '截止月份',
  },
};
