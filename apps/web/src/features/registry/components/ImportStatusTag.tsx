import type { ImportStatus } from '@relief/domain';
import { Tag } from 'antd';
import { useI18n } from '../../../lib/i18n-context';
import { importStatusColour } from '../api/registry-model';

/** An import job's status in words (已上传 … 已完成), never the code. */
export function ImportStatusTag({ status, testId }: { status: ImportStatus; testId?: string }) {
  const { t } = useI18n();
  return (
    <Tag color={importStatusColour(status)} data-testid={testId} data-status={status}>
      {t(`importStatus.${status}`)}
    </Tag>
  );
}
