import type { ParameterSource } from '@relief/domain';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../../lib/i18n-context';

const COLORS = { seed: 'green', external: 'blue', assumption: 'orange' } as const;

/** Where a value comes from: 文件原文 (the quoted phrase on hover), 外部文件 (citation and confidence) or 本平台假设 (the reason). */
export function SourceTag({ source }: { source: ParameterSource }) {
  const { t, tx } = useI18n();
  const label = source.kind === 'seed' ? t('policy.sourceSeed') : source.kind === 'external' ? t('policy.sourceExternal') : t('policy.sourceAssumption');
  const detail =
    source.kind === 'seed'
      ? t('policy.seedQuote', { text: source.citation })
      : source.kind === 'external'
        ? t('policy.externalCitation', { text: source.citation })
        : t('policy.assumptionReason', { text: source.citation });
  const confidence = source.confidence ? t('policy.confidence', { level: tx(`confidence.${source.confidence}`, source.confidence) }) : null;
  return (
    <Tooltip
      title={
        <>
          <div>{detail}</div>
          {confidence ? <div style={{ marginTop: 4 }}>{confidence}</div> : null}
        </>
      }
      styles={{ root: { maxWidth: 480 } }}
    >
      <Tag color={COLORS[source.kind]} data-testid="policy-source" data-kind={source.kind} style={{ cursor: 'help' }}>
        {label}
        {source.kind === 'external' && source.confidence ? ` · ${source.confidence}` : ''}
      </Tag>
    </Tooltip>
  );
}
