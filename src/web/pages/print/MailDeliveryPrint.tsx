import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { ListResponse } from '../../api/types.ts';
import type { MailDelivery } from '../../api/mail-types.ts';
import { useSession } from '../../app/session.tsx';
import { today } from '../../components/format.ts';
import { useT } from '../../i18n/index.tsx';
import { useMailOptions } from '../mail/labels.tsx';
import { BlankRows, FormShell, FormSheet, Signatures } from './kit/index.ts';

/** 报刊投递清单: the day's subscriptions by building and unit, with a column to tick and sign. */
export default function MailDeliveryPrint() {
  return <Delivery blank={false} />;
}

/** The paper list, written by hand when the system is not at hand. */
export function MailDeliveryBlank() {
  return <Delivery blank />;
}

function Delivery({ blank }: { blank: boolean }) {
  const t = useT();
  const o = useMailOptions();
  const [params] = useSearchParams();
  const { estateId, estate } = useSession();
  const date = params.get('date') ?? today();
  const list = useQuery({ queryKey: ['mail', 'deliveries', estateId, date], queryFn: () => api<ListResponse<MailDelivery>>('/api/v1/mail/deliveries', { query: { estateId, date } }), enabled: !!estateId && !blank });
  const rows = blank ? [] : (list.data?.items ?? []);
  const copies = rows.reduce((n, r) => n + r.copies, 0);
  return (
    <FormShell loading={!blank && list.isPending} error={list.error} back={blank ? '/forms' : '/desk/mail?tab=subscriptions'} backLabel={t('mail.print.back')} empty={!blank && !rows.length}>
      <FormSheet form="mail-delivery" estate={estate?.name} blank={blank} record={{ key: `${estateId}@${date}`, no: null }} meta={blank ? [`${t('mail.deliveryDate')}${t('print.colon')}`, `${t('mail.copies')}${t('print.colon')}`] : [`${t('mail.deliveryDate')}${t('print.colon')}${date}`, `${t('mail.copies')}${t('print.colon')}${copies}`]}>
        <table className="wd-print-table wd-print-grid">
          <colgroup>
            <col style={{ width: '6%' }} /><col style={{ width: '14%' }} /><col /><col style={{ width: '8%' }} /><col style={{ width: '12%' }} /><col style={{ width: '12%' }} /><col style={{ width: '16%' }} />
          </colgroup>
          <thead>
            <tr><th>#</th><th>{t('mail.unit')}</th><th>{t('mail.publication')}</th><th>{t('mail.copies')}</th><th>{t('mail.delivery')}</th><th>{t('mail.delivered')}</th><th>{t('mail.print.signedBy')}</th></tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r.id}><td>{i + 1}</td><td>{r.unitLabel}</td><td>{r.publication}</td><td>{r.copies}</td><td>{o.delivery(r.delivery)}</td><td>{r.deliveredAt ? '✓' : '□'}</td><td /></tr>
            ))}
            {blank && <BlankRows count={15} columns={7} />}
          </tbody>
        </table>
        <Signatures roles={[{ role: t('mail.print.handledBy'), name: null }]} />
      </FormSheet>
    </FormShell>
  );
}
