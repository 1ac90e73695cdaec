import { App } from 'antd';
import { useState } from 'react';
import { ApiError, type Query, withQuery } from '../../api/client.ts';
import { useI18n } from '../../i18n/index.tsx';

/** Downloads a server-made file (.xlsx) with the session cookie; reports a refusal as a toast. */
export function useDownload() {
  const { lang, t } = useI18n();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  const download = async (path: string, query: Query, fileName: string) => {
    setBusy(true);
    try {
      const res = await fetch(withQuery(path, query), { headers: { 'Accept-Language': lang }, credentials: 'same-origin' });
      if (!res.ok) {
        const body = (await res.json().catch(() => null)) as { error?: { message?: string } } | null;
        throw new ApiError(res.status, `HTTP_${res.status}`, body?.error?.message ?? `HTTP ${res.status}`);
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = fileName;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : t('error.generic'));
    } finally {
      setBusy(false);
    }
  };
  return { busy, download };
}
