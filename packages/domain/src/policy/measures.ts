// The ten measures of 鲁工信发〔2020〕1号 as a constant, so the web menu and the routes do not
// need the preset JSON. The preset validator checks that the JSON agrees with this table.

/** The ten measure kinds in clause order (第一条 … 第十条); each is also the route slug. */
export const MEASURE_KINDS = [
  'risk-compensation',
  'bridge-loan',
  'financing-match',
  'guarantee',
  'interest-subsidy',
  'high-growth',
  'innovation',
  'resumption',
  'public-service',
  'monitoring',
] as const;

/** One of the ten measure kinds, e.g. `'risk-compensation'` (第一条 贷款风险补偿). */
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** Chinese clause ordinals 一 … 十, index 0 = clause 1. */
export const CLAUSE_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'] as const;

/** A Chinese clause ordinal, 一 … 十. */
export type ClauseOrdinal = (typeof CLAUSE_ORDINALS)[number];

/** One entry of the measure menu: clause number (1–10), ordinal, the clause title and the short menu title. */
export interface MeasureMenuItem {
  /** The measure kind. */
  readonly kind: MeasureKind;
  /** Clause number in the policy, 1–10. */
  readonly clause: number;
  /** Chinese ordinal of the clause, 一 … 十. */
  readonly ordinal: ClauseOrdinal;
  /** The clause's own title as printed in the policy, e.g. 实施贷款风险补偿政策. */
  readonly title: string;
  /** Short title for menus, e.g. 贷款风险补偿. */
  readonly menuTitle: string;
  /** Route slug of the measure's pages and API (equal to `kind`). */
  readonly slug: MeasureKind;
}

/** The web menu of 鲁工信发〔2020〕1号 in clause order (一 贷款风险补偿 … 十 运行监测). */
export const MEASURE_MENU: readonly MeasureMenuItem[] = [
  item('risk-compensation', 1, '实施贷款风险补偿政策', '贷款风险补偿'),
  item('bridge-loan', 2, '放大应急转贷基金效应', '应急转贷'),
  item('financing-match', 3, '创新投融资服务方式', '投融资服务'),
  item('guarantee', 4, '加大融资担保力度', '融资担保'),
  item('interest-subsidy', 5, '落实贷款贴息政策', '贷款贴息'),
  item('high-growth', 6, '加强对高成长性企业扶持', '高成长企业'),
  item('innovation', 7, '开展疫情防控相关技术与产品创新', '疫情防控技术与产品创新'),
  item('resumption', 8, '协调推进中小企业复工复产', '复工复产'),
  item('public-service', 9, '发挥公共服务平台作用', '公共服务平台'),
  item('monitoring', 10, '抓好中小企业生产运行调度监测', '运行监测'),
];

function item(kind: MeasureKind, clause: number, title: string, menuTitle: string): MeasureMenuItem {
  const ordinal = CLAUSE_ORDINALS[clause - 1];
  if (ordinal === undefined || MEASURE_KINDS[clause - 1] !== kind) {
    // Fails at module load, so a mis-ordered table can never ship.
    throw new Error(`measure table out of order: ${kind} at clause ${clause}`);
  }
  return Object.freeze({ kind, clause, ordinal, title, menuTitle, slug: kind });
}

/** Whether a value is one of the ten measure kinds. */
export function isMeasureKind(value: unknown): value is MeasureKind {
  return typeof value === 'string' && (MEASURE_KINDS as readonly string[]).includes(value);
}

/** The menu entry of a measure kind; total over `MeasureKind`, so it never returns nothing. */
export function getMeasureMenuItem(kind: MeasureKind): MeasureMenuItem {
  const found = MEASURE_MENU.find((m) => m.kind === kind);
  if (found === undefined) throw new Error(`unknown measure kind: ${kind}`);
  return found;
}

/** A label such as `第一条 贷款风险补偿` for messages and headings. */
export function measureLabel(kind: MeasureKind): string {
  const m = getMeasureMenuItem(kind);
  return `第${m.ordinal}条 ${m.menuTitle}`;
}
