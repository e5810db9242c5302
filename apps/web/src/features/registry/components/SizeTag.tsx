import type { SizeClass } from '@relief/domain';
import { Tag, Tooltip } from 'antd';
import { useI18n } from '../../../lib/i18n-context';
import { sizeColour } from '../api/registry-model';

/** The 300号 size class as a tag; the reason (or what is missing to decide it) in a tooltip. */
export function SizeTag({ size, reason, testId }: { size: SizeClass | null; reason: string | null; testId?: string }) {
  const { t } = useI18n();
  const tag = (
    <Tag color={sizeColour(size)} style={{ marginInlineEnd: 0, cursor: reason ? 'help' : undefined }} data-testid={testId}>
      {size ? t(`sizeClass.${size}`) : t('sizeClass.unclassified')}
    </Tag>
  );
  return reason ? <Tooltip title={reason}>{tag}</Tooltip> : tag;
}
