import { useQueryClient } from '@tanstack/react-query';
import { App, Button, Input, Space } from 'antd';
import { useState } from 'react';
import { canMove, type MailKind, type MailStatus } from '../../../core/mail.ts';
import { api } from '../../api/client.ts';
import type { MailItem } from '../../api/mail-types.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useT } from '../../i18n/index.tsx';
import type { MessageKey } from '../../i18n/zh-CN.ts';

const OUTCOMES: Array<{ outcome: 'returned_to_carrier' | 'disposed' | 'misdelivered'; label: MessageKey; danger?: boolean }> = [
  { outcome: 'returned_to_carrier', label: 'mail.return' },
  { outcome: 'disposed', label: 'mail.dispose' },
  { outcome: 'misdelivered', label: 'mail.misdelivered', danger: true },
];

/** The ways an item leaves without a pickup, those its state and kind allow (core canMove), each with a note. */
export function CloseMenu({ item, only }: { item: MailItem; only?: 'returned_to_carrier' }) {
  const t = useT();
  const { modal, message } = App.useApp();
  const report = useReportError();
  const qc = useQueryClient();
  const [busy, setBusy] = useState(false);
  const allowed = OUTCOMES.filter((o) => (!only || o.outcome === only) && canMove(item.status as MailStatus, o.outcome, item.kind as MailKind));
  if (!allowed.length) return null;
  const ask = (o: (typeof OUTCOMES)[number]) => {
    let note = '';
    modal.confirm({
      title: `${t(o.label)} · ${item.number}`,
      content: <Input.TextArea rows={2} maxLength={200} placeholder={t('mail.returnNote')} onChange={(e) => (note = e.target.value)} data-testid="mail-close-note" />,
      onOk: async () => {
        setBusy(true);
        try {
          await api(`/api/v1/mail/items/${item.id}/close`, { body: { outcome: o.outcome, note: note || null } });
          message.success(t(o.label));
          void qc.invalidateQueries({ queryKey: ['mail'] });
        } catch (err) {
          report(err);
        } finally {
          setBusy(false);
        }
      },
    });
  };
  return (
    <Space size={4} wrap>
      {allowed.map((o) => (
        <Button key={o.outcome} size="small" danger={o.danger} loading={busy} onClick={() => ask(o)} data-testid={`mail-close-${o.outcome}-${item.id}`}>
          {t(o.label)}
        </Button>
      ))}
    </Space>
  );
}
