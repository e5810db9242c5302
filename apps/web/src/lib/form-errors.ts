import type { App, FormInstance } from 'antd';
import { isApiError, toFormFields } from './api-errors';

type MessageInstance = ReturnType<typeof App.useApp>['message'];

/**
 * Shows an error from the API: its message (Chinese, as the server wrote it) as a toast and, when
 * `details` names fields of `form`, each message under its field.
 */
export function showApiError(error: unknown, message: MessageInstance, form?: FormInstance, fieldMap: Record<string, string> = {}): void {
  if (isApiError(error)) {
    if (form) {
      // `fieldMap` renames server fields the form holds under another name (amountFen → amountWan).
      const fields = toFormFields(error.details).map((f) => {
        const [head, ...rest] = f.name;
        const renamed = typeof head === 'string' && fieldMap[head] ? [fieldMap[head], ...rest] : f.name;
        return { name: renamed, errors: f.errors };
      });
      if (fields.length > 0) form.setFields(fields);
    }
    void message.error(error.message);
    return;
  }
  void message.error(error instanceof Error ? error.message : String(error));
}
