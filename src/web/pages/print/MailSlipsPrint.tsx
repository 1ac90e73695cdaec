import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { MailSlip } from '../../api/mail-types.ts';
import { useSession } from '../../app/session.tsx';
import { formatInstant } from '../../components/format.ts';
import { useT } from '../../i18n/index.tsx';
import '../mail/mail.css';
import { useMailOptions } from '../mail/labels.tsx';
import { useQr } from '../mail/useQr.ts';
import { FeePrintShell } from './FeePrintShell.tsx';

function Slip({ unit, items, estate }: { unit: string; items: MailSlip[]; estate: string }) {
  const t = useT();
  const o = useMailOptions();
  const qr = useQr(items[0]!.pickupCode);
  return (
    <section className="wd-slip" data-testid="mail-slip">
      <div className="wd-slip-main">
        <div className="wd-print-estate">{estate}</div>
        <h2>{t('mail.print.slipTitle')} · {unit}</h2>
        <p style={{ margin: '4px 0 8px' }}>{t('mail.print.slipBody')}</p>
        <table className="wd-print-table">
          <tbody>
            {items.map((i) => (
              <tr key={i.id}>
                <td style={{ width: '22%' }} className="wd-mono">{i.number}</td>
                <td>{o.kind(i.kind)} · {o.carrier(i.carrier)} · {i.addressee} · ×{i.pieces}</td>
                <td style={{ width: '26%' }}>{formatInstant(i.receivedAt, 'MM-DD HH:mm')}</td>
                {items.length > 1 && <td style={{ width: '16%' }} className="wd-mono">{i.pickupCode}</td>}
              </tr>
            ))}
          </tbody>
        </table>
        <div className="wd-print-sub" style={{ marginTop: 6 }}>{t('mail.print.slipFoot')}</div>
      </div>
      <div className="wd-slip-code">
        {qr && <img src={qr} alt={items[0]!.pickupCode} />}
        <div>{t('mail.code')}</div>
        <b>{items[0]!.pickupCode}</b>
      </div>
    </section>
  );
}

/** 信箱通知单: one slip per unit, three to an A4 page, cut along the dashed lines; printing marks the items notified. */
export default function MailSlipsPrint() {
  const [params] = useSearchParams();
  const { estateId, estate } = useSession();
  const ids = (params.get('ids') ?? '').split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
  const slips = useMutation({ mutationFn: () => api<MailSlip[]>('/api/v1/mail/slips', { body: { estateId, itemIds: ids } }) });
  useEffect(() => {
    if (estateId && ids.length) slips.mutate();
    // once per opening: each printing is recorded
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [estateId]);
  const byUnit = new Map<string, MailSlip[]>();
  for (const s of slips.data ?? []) byUnit.set(s.unitLabel ?? '—', [...(byUnit.get(s.unitLabel ?? '—') ?? []), s]);
  const groups = [...byUnit];
  const pages: Array<typeof groups> = [];
  for (let i = 0; i < groups.length; i += 3) pages.push(groups.slice(i, i + 3));
  return (
    <FeePrintShell loading={!!ids.length && (slips.isIdle || slips.isPending)} error={slips.error} back="/desk/mail?tab=slips" empty={!groups.length}>
      {pages.map((p, n) => (
        <article key={n} className="wd-a4 wd-slips" data-testid="print-sheet">
          {p.map(([unit, items]) => <Slip key={unit} unit={unit} items={items} estate={estate?.name ?? ''} />)}
        </article>
      ))}
    </FeePrintShell>
  );
}
