import { EyeOutlined } from '@ant-design/icons';
import { App, Button, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { api, ApiError } from '../api/client.ts';
import type { RevealField, RevealKind } from '../api/types.ts';
import { useSession } from '../app/session.tsx';
import { useT } from '../i18n/index.tsx';

/**
 * A masked phone or ID number. Roles with pii.reveal get a 查看 button that asks the server for
 * the full value (the server writes an audit entry); everyone else only ever sees the mask.
 */
export function Reveal({ kind, id, field, masked }: { kind: RevealKind; id: number; field: RevealField; masked: string | null | undefined }) {
  const t = useT();
  const { can } = useSession();
  const { message } = App.useApp();
  const [value, setValue] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  if (!masked) return <Typography.Text type="secondary">—</Typography.Text>;
  const testId = `${field}-${kind}-${id}`;
  if (value !== null)
    return (
      <Tooltip title={t('reveal.logged')}>
        <Typography.Text copyable={{ text: value }} className="wd-mono wd-revealed" data-testid={testId}>
          {value}
        </Typography.Text>
      </Tooltip>
    );
  const reveal = async () => {
    setLoading(true);
    try {
      const res = await api<{ value: string | null }>('/api/v1/reveal', { body: { kind, id, field } });
      setValue(res.value ?? '');
    } catch (err) {
      message.error(err instanceof ApiError ? err.message : t('error.generic'));
    } finally {
      setLoading(false);
    }
  };
  return (
    <span className="wd-reveal">
      <Typography.Text className="wd-mono" data-testid={testId}>
        {masked}
      </Typography.Text>
      {can('pii.reveal') && (
        <Tooltip title={t(field === 'phone' ? 'reveal.phoneHint' : 'reveal.idHint')}>
          <Button size="small" type="link" icon={<EyeOutlined />} loading={loading} onClick={reveal} data-testid="reveal" className="wd-reveal-btn">
            {t('reveal.button')}
          </Button>
        </Tooltip>
      )}
    </span>
  );
}
