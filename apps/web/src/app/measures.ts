// The ten measures of 鲁工信发〔2020〕1号 as the menu shows them: kinds, ordinals and titles come
// from the domain's MEASURE_MENU; this file adds what each page will offer, in both languages.
import { MEASURE_MENU as DOMAIN_MEASURE_MENU, type MeasureKind } from '@relief/domain';

export type { MeasureKind };

export interface MeasureMenuEntry {
  kind: MeasureKind;
  /** The clause number as the policy writes it: 一 … 十. */
  clause: string;
  /** The short menu title, e.g. 贷款风险补偿. */
  title: string;
  titleEn: string;
  /** What the measure's pages will offer, from MEASURES.md. */
  description: string;
  descriptionEn: string;
}

type MeasureTexts = Omit<MeasureMenuEntry, 'kind' | 'clause' | 'title'>;

const TEXTS: Record<MeasureKind, MeasureTexts> = {
  'risk-compensation': {
    titleEn: 'Loan risk compensation',
    description:
      '银行登记 2020 年 1 月 1 日起至疫情防控期间向小微企业发放、已认定为不良的贷款，每月结束后 5 个工作日内提交当月补偿申请；省财金集团 10 个工作日内逐笔初审，省工信厅 1 个工作日内复核并下达全省拨付计划（按银行、按市汇总，可导出）。',
    descriptionEn:
      'Banks register non-performing loans made to small and micro enterprises since 1 January 2020 and claim each month within 5 working days after it ends; the provincial finance group reviews item by item within 10 working days, the department re-checks within 1 working day and issues the disbursement plan by bank and city.',
  },
  'bridge-loan': {
    titleEn: 'Emergency bridge loans',
    description:
      '企业在线申请应急转贷资金，偿还银行已承诺续贷的到期贷款，按所在市、县分派运营机构办理；疫情防控重点保障企业走绿色通道，当日受理、当日办结；费率不高于 0.08%，由平台计算。省转贷基金平台按运营机构监督业务量、时效、费率和超期情况。',
    descriptionEn:
      'Enterprises apply online for bridge funds to repay a maturing loan the bank has committed to renew; priority enterprises are accepted and completed the same working day; the fee (at most 0.08%) is computed by the platform, and the provincial fund supervises every operator.',
  },
  'financing-match': {
    titleEn: 'Financing services',
    description:
      '政银企线上对接：企业发布贷款、股权、保险理赔等融资需求，银行、保险机构和基金发布产品，平台匹配推送，机构答复并记录结果和办理时长；线上对接活动报名；疫情受困企业走绿色通道。',
    descriptionEn:
      'Online matchmaking: enterprises post financing needs, banks, insurers and funds publish products, the platform matches and pushes them, and the institutions record their answers and outcomes; online events and a green channel for firms hit by the epidemic.',
  },
  guarantee: {
    titleEn: 'Financing guarantees',
    description:
      '融资担保机构逐笔备案担保业务；获得降费奖补资金的机构在疫情期间年化担保费率不超过 1%、不要求反担保，由平台校验并计算奖补基数；记录代偿及追偿期限，可因疫情影响延长。',
    descriptionEn:
      'Guarantee institutions file each guarantee; institutions funded by the fee-reduction reward keep the annual fee at or below 1% with no counter-guarantee during the epidemic, checked by the platform; compensation payments and recovery deadlines are recorded.',
  },
  'interest-subsidy': {
    titleEn: 'Loan interest subsidies',
    description:
      '列入省疫情防控重点保障企业名单的企业，以 2020 年 1 月 1 日后生效的贷款合同向当地工信、财政部门申请贴息；市工信部门会同财政部门审核汇总，于 5 月 31 日前报省工信厅、省财政厅。',
    descriptionEn:
      'Enterprises on the provincial priority list apply with loan contracts effective from 1 January 2020 to their local industry and finance departments; cities review, aggregate and report to the province before 31 May.',
  },
  'high-growth': {
    titleEn: 'High-growth enterprises',
    description:
      '单项冠军、瞪羚、独角兽、专精特新“小巨人”、专精特新中小企业和小升规企业名录；各市登记奖励情况（重点是 2019 年度瞪羚、独角兽和小升规企业），维护年度梯度培育计划和小升规任务，省级跟踪进度。',
    descriptionEn:
      'Registers of champion, gazelle, unicorn, “little giant” and specialised SMEs and of firms growing above the statistical threshold; cities record rewards and keep their annual cultivation plans and targets, followed by the province.',
  },
  innovation: {
    titleEn: 'Epidemic-control innovation',
    description:
      '2020 年“创客中国”疫情防控专题在线征集诊断试剂、药物疫苗、防护装置、器械装备、大数据监测分析项目，评审并公布结果，跟进落地服务和推广；取得重大突破的专精特新企业优先推荐为“小巨人”。',
    descriptionEn:
      'The 2020 “Maker China” epidemic-control call collects projects (diagnostics, drugs and vaccines, protective and medical equipment, big-data monitoring), reviews them and follows up; specialised SMEs with breakthroughs are recommended first as “little giants”.',
  },
  resumption: {
    titleEn: 'Resumption of work',
    description:
      '企业填报复工复产情况（是否复工、到岗率、产能、困难）；各市每周汇报直至疫情结束；省级查看未报送企业、分市分行业复工率和 2 月底前全部复工的目标进度；困难问题转为企业诉求办理。',
    descriptionEn:
      'Enterprises report whether they have resumed, staff back, capacity and obstacles; cities report weekly until the epidemic ends; the province follows who has not reported and resumption rates by city and industry; obstacles become appeals.',
  },
  'public-service': {
    titleEn: 'Public service platform',
    description:
      '政策专栏（国家、省、市政策的发布、检索和精准推送）、政策解读与咨询答疑、线上培训；疫情影响问卷调查；企业诉求收集、反馈与跟踪；防疫物资供需对接；法律援助与法律咨询。',
    descriptionEn:
      'A policy column (publishing, search and targeted push), interpretation and Q&A, online training, surveys of the epidemic’s effect, enterprise appeals with feedback, supply–demand matching of epidemic supplies, and legal aid.',
  },
  monitoring: {
    titleEn: 'Operations monitoring',
    description:
      '各市定期监测中小企业生产、原材料、物流、资金等运行指标，发现的问题形成问题清单逐项办理；协助外贸企业办理不可抗力事实性证明并跟踪结果；企业诉求受理、分派、限时答复、超期督办并向省级汇总。',
    descriptionEn:
      'Cities monitor production, materials, logistics and funds through periodic indicators and handle the problems found one by one; exporters are helped to obtain force-majeure certificates; appeals are routed, answered within deadlines and escalated when overdue.',
  },
};

/** The menu in clause order (一 贷款风险补偿 … 十 运行监测). */
export const MEASURE_MENU: readonly MeasureMenuEntry[] = DOMAIN_MEASURE_MENU.map((m) => ({
  kind: m.kind,
  clause: m.ordinal,
  title: m.menuTitle,
  ...TEXTS[m.kind],
}));

export function findMeasure(kind: string | undefined): MeasureMenuEntry | undefined {
  return MEASURE_MENU.find((m) => m.kind === kind);
}
