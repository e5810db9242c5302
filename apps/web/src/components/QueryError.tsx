import { Alert, Button } from 'antd';
import { isApiError } from '../lib/api-errors';
import { useI18n } from '../lib/i18n-context';

/** The error of a failed query, with a retry button. */
export function QueryError({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const description = isApiError(error) || error instanceof Error ? error.message : String(error);
  return (
    <Alert
      type="error"
      showIcon
      title={t('app.loadFailed')}
      description={description}
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
    />
  );
}
