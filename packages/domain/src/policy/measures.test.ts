import { describe, expect, it } from 'vitest';
import { CLAUSE_ORDINALS, MEASURE_KINDS, MEASURE_MENU, getMeasureMenuItem, isMeasureKind, measureLabel } from './measures';

describe('MEASURE_MENU', () => {
  it('lists the ten measures in clause order, slug = kind', () => {
    expect(MEASURE_MENU.map((m) => m.kind)).toEqual([...MEASURE_KINDS]);
    expect(MEASURE_MENU.map((m) => m.clause)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(MEASURE_MENU.map((m) => m.ordinal)).toEqual([...CLAUSE_ORDINALS]);
    for (const m of MEASURE_MENU) expect(m.slug).toBe(m.kind);
  });

  it.each([
    ['risk-compensation', '一', '贷款风险补偿', '实施贷款风险补偿政策'],
    ['bridge-loan', '二', '应急转贷', '放大应急转贷基金效应'],
    ['financing-match', '三', '投融资服务', '创新投融资服务方式'],
    ['guarantee', '四', '融资担保', '加大融资担保力度'],
    ['interest-subsidy', '五', '贷款贴息', '落实贷款贴息政策'],
    ['high-growth', '六', '高成长企业', '加强对高成长性企业扶持'],
    ['innovation', '七', '疫情防控技术与产品创新', '开展疫情防控相关技术与产品创新'],
    ['resumption', '八', '复工复产', '协调推进中小企业复工复产'],
    ['public-service', '九', '公共服务平台', '发挥公共服务平台作用'],
    ['monitoring', '十', '运行监测', '抓好中小企业生产运行调度监测'],
  ] as const)('%s is clause %s, menu %s', (kind, ordinal, menuTitle, title) => {
    const item = getMeasureMenuItem(kind);
    expect(item.ordinal).toBe(ordinal);
    expect(item.menuTitle).toBe(menuTitle);
    expect(item.title).toBe(title);
  });

  it('labels a measure for messages and recognises kinds', () => {
    expect(measureLabel('monitoring')).toBe('第十条 运行监测');
    expect(isMeasureKind('guarantee')).toBe(true);
    expect(isMeasureKind('appeals')).toBe(false);
    expect(isMeasureKind(3)).toBe(false);
  });
});
