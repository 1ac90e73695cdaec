import type { FormInstance } from 'antd';
import { useState } from 'react';
import type { NamePath } from './forms.ts';
import { useReportError } from './useReportError.ts';

/**
 * The submit handler of a drawer or modal form: validates the fields (stops quietly when a field
 * is invalid), runs `send` with the values while `busy` is true, and reports a failed request
 * with its field messages on the form (`known` maps the server's field paths to form fields).
 */
export function useFormSubmit<V>(
  form: FormInstance<V>,
  send: (values: V) => Promise<void>,
  known?: (path: string) => NamePath | null,
): { busy: boolean; submit: () => Promise<void> } {
  const report = useReportError();
  const [busy, setBusy] = useState(false);
  const submit = async () => {
    const v = await form.validateFields().catch(() => null);
    if (!v) return;
    setBusy(true);
    try {
      await send(v);
    } catch (err) {
      report(err, form, known);
    } finally {
      setBusy(false);
    }
  };
  return { busy, submit };
}
