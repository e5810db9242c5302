// UI text of 贷款贴息 (鲁工信发〔2020〕1号 第五条), in the words of the documents.
export const T = {
  nav: { applications: '贴息申请', apply: '申请贴息', reports: '市级汇总表', status: '各市报送情况', notices: '公示与拨付', dashboard: '分市统计' },
  app: {
    title: '贷款贴息申请', enterprise: '企业名称', uscc: '统一社会信用代码', region: '所在地区', contracts: '合同份数', principal: '贷款金额（元）',
    subsidy: '贴息金额（元）', state: '办理状态', submittedAt: '申请时间', paidAt: '拨付时间', contact: '联系人', phone: '联系电话', form: '下载申请表',
    all: '全部状态', search: '企业名称或信用代码', city: '所在市', detail: '申请详情', revise: '修改后重新提交', returned: '退回修改意见',
  },
  contract: {
    bank: '贷款银行', no: '合同编号', effectiveOn: '合同生效日', drawdownOn: '放款日', maturityOn: '到期日', principal: '贷款金额（元）', rate: '实际年利率（%）',
    paid: '已付利息（元，可不填）', days: '贴息天数', subsidy: '贴息金额（元）', add: '增加一份合同', remove: '删除',
  },
  apply: {
    title: '申请贷款贴息', intro: '省确定的疫情防控重点保障企业，可凭借2020年1月1日后疫情防控期内新生效的贷款合同申请贴息。由企业向所在地工业和信息化部门、财政部门提出申请。',
    rule: '贴息金额 = 贷款本金 × 实际年利率 × 50% × 贴息天数（自放款日起，不超过365天）÷ 360，四舍五入到分；有结息单的，不超过实付利息的50%（财金〔2020〕5号）。',
    preview: '试算贴息金额', submit: '提交申请', total: '贴息合计', notOnList: '本企业不在“山东省疫情防控重点保障企业名单”内，不能申请贴息。', eligible: '符合条件', submitted: '申请已提交，等待所在地工信、财政部门审核',
    hint: '提交前先试算贴息金额，请核对后确认提交', checked: '已试算，请核对贴息金额后提交', blocked: '试算结果有不符合条件之处，请修改后重新试算',
    confirm: (total: string) => `贴息合计 ${total} 元，确认提交？提交后由所在地工业和信息化部门、财政部门审核。`,
  },
  report: {
    title: '市级汇总表', generate: '从审核通过的申请生成汇总表', sign: '审核上报（会签）', export: '下载汇总表', city: '市', count: '申请数', deadline: '报送截止', submittedAt: '报送时间',
    late: '逾期', onTime: '按期', items: '汇总明细', generated: '汇总表已生成', signed: '已会签',
  },
  status: { title: '各市汇总表报送情况', city: '市', state: '报送状态', submittedAt: '报送时间', latest: '最近一批', late: '是否逾期', count: '申请数', amount: '贴息金额（元）' },
  notice: {
    title: '公示与拨付', publish: '发布公示', titleField: '公示标题', defaultTitle: '疫情防控重点保障企业贷款贴息公示', period: '公示期', count: '申请数', amount: '贴息金额（元）',
    objections: '异议', open: '未答复异议', pay: '公示期满，标记拨付', paid: '已拨付', record: '登记异议', objector: '异议人', content: '异议内容', contactField: '联系方式',
    periodText: (from: string, to: string, published: string) => `${from}至${to}（${published}发布）`,
    answer: '答复', answerField: '答复意见', upheld: '异议成立（该申请不予贴息）', notUpheld: '异议不成立', list: '公示名单', application: '被异议的申请',
  },
  dash: { title: '分市统计', applications: '申请数', approved: '审核通过', paid: '已拨付', subsidy: '贴息金额（万元）', paidAmount: '已拨付（万元）', total: '合计' },
};
