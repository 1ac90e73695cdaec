/** A write from a modal form: field errors on the form's fields, the rest as a message; lists refreshed. */
import { useQueryClient } from '@tanstack/react-query';
import { App, type FormInstance } from 'antd';
import { useState } from 'react';
import { ApiError } from '../../api/client.ts';
import { applyFieldErrors } from '../../components/forms.ts';
import { useT } from '../../i18n/index.tsx';

export function useSave(keys: string[]) {
  const { message } = App.useApp();
  const qc = useQueryClient();
  const t = useT();
  const [busy, setBusy] = useState(false);
  return {
    busy,
    async run<T>(work: () => Promise<T>, form?: FormInstance): Promise<T | null> {
      setBusy(true);
      try {
        const out = await work();
        for (const k of keys) await qc.invalidateQueries({ queryKey: [k] });
        message.success(t('common.saved'));
        return out;
      } catch (err) {
        const rest = form ? applyFieldErrors(form, err) : [];
        if (!form || rest.length || !(err instanceof ApiError) || !Object.keys(err.fields).length) message.error(rest[0] ?? (err instanceof Error ? err.message : t('error.generic')));
        return null;
      } finally {
        setBusy(false);
      }
    },
  };
}
