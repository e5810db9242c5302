import { findMeasure } from '../../app/measures';
import { useI18n } from '../../lib/i18n-context';

/** The measure's menu title for a case (贷款风险补偿), or its raw key for workflows that are not measures (tests). */
export function useMeasureTitle(): (measure: string) => string {
  const { locale } = useI18n();
  return (measure) => {
    // A measure may run several workflows (贷款贴息's 汇总表 is 'interest-subsidy-report'):
    // they carry the measure's name as their prefix.
    const m = findMeasure(measure) ?? findMeasure(measure.split('-').slice(0, 2).join('-'));
    if (!m) return measure;
    return locale === 'zh-CN' ? m.title : m.titleEn;
  };
}
