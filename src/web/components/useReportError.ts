import { App, type FormInstance } from 'antd';
import { useCallback } from 'react';
import { ApiError } from '../api/client.ts';
import { useT } from '../i18n/index.tsx';
import { applyFieldErrors, type NamePath } from './forms.ts';

/**
 * Shows a failed request: the server's (already localized) message as a toast, its field
 * messages on the form's fields, and any field message no field can show in a notification.
 */
export function useReportError() {
  const { message, notification } = App.useApp();
  const t = useT();
  return useCallback(
    (err: unknown, form?: FormInstance, known?: (path: string) => NamePath | null) => {
      const msg = err instanceof ApiError ? err.message : t('error.generic');
      const rest = form ? applyFieldErrors(form, err, known) : err instanceof ApiError ? Object.values(err.fields) : [];
      if (rest.length) notification.error({ title: msg, description: rest.join('；') });
      else message.error(msg);
    },
    [message, notification, t],
  );
}
