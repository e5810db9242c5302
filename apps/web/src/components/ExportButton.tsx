import { DownloadOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { downloadFile, type Query } from '../lib/api';
import { showApiError } from '../lib/form-errors';
import { useI18n } from '../lib/i18n-context';

export interface ExportButtonProps {
  /** The server's export endpoint, e.g. '/api/users/export'. */
  path: string;
  /** The list's current filters, sent as the query string. */
  query?: Query;
  /** Used when the response names no file. */
  fallbackName: string;
  testId?: string;
  disabled?: boolean;
}

/** Downloads the server's Excel export of a list with the list's filters. */
export function ExportButton({ path, query, fallbackName, testId, disabled }: ExportButtonProps) {
  const { message } = App.useApp();
  const { t } = useI18n();
  const [loading, setLoading] = useState(false);
  const onClick = async () => {
    setLoading(true);
    try {
      const filename = await downloadFile(path, query, fallbackName);
      void message.success(t('common.exported', { filename }));
    } catch (e) {
      showApiError(e, message);
    } finally {
      setLoading(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={loading} disabled={disabled} onClick={() => void onClick()} data-testid={testId}>
      {t('common.export')}
    </Button>
  );
}
