import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { ListResponse } from '../../api/types.ts';
import type { MailPickup } from '../../api/mail-types.ts';
import { useSession } from '../../app/session.tsx';
import { formatInstant, today } from '../../components/format.ts';
import { useT } from '../../i18n/index.tsx';
import '../mail/mail.css';
import { useMailOptions } from '../mail/labels.tsx';
import { BlankRows, FormShell, FormSheet } from './kit/index.ts';

/** 签收单: one pickup (?id=) or a day's pickups (?date=), each with its items, statement and the stored signature. */
export default function MailPickupPrint() {
  return <Pickups blank={false} />;
}

/** The paper pickup sheet, signed by hand at the counter. */
export function MailPickupBlank() {
  return <Pickups blank />;
}

function Pickups({ blank }: { blank: boolean }) {
  const t = useT();
  const o = useMailOptions();
  const [params] = useSearchParams();
  const { estateId, estate } = useSession();
  const id = Number(params.get('id')) || null;
  const date = params.get('date') ?? today();
  const q = useQuery({
    queryKey: ['mail', 'pickup-sheet', estateId, id, date],
    queryFn: async () => (id ? { items: [await api<MailPickup>(`/api/v1/mail/pickups/${id}`)], total: 1 } : api<ListResponse<MailPickup>>('/api/v1/mail/pickups', { query: { estateId, date } })),
    enabled: !!estateId && !blank,
  });
  const rows = blank ? [] : (q.data?.items ?? []);
  const day = id ? formatInstant(rows[0]?.at ?? '', 'YYYY-MM-DD') : date;
  return (
    <FormShell loading={!blank && q.isPending} error={q.error} back={blank ? '/forms' : '/desk/mail?tab=pickup'} backLabel={t('mail.print.back')} empty={!blank && !rows.length}>
      <FormSheet form="mail-pickup" estate={estate?.name} blank={blank} record={{ key: `${estateId}@${day}`, no: null }} meta={blank ? [`${t('print.date')}${t('print.colon')}`] : [day, `${t('mail.print.items')}${t('print.colon')}${rows.reduce((n, p) => n + p.items.length, 0)}`]}>
        <table className="wd-print-table wd-print-grid">
          <colgroup>
            <col style={{ width: '10%' }} /><col style={{ width: '10%' }} /><col /><col style={{ width: '15%' }} /><col style={{ width: '22%' }} /><col style={{ width: '13%' }} />
          </colgroup>
          <thead>
            <tr><th>{t('mail.print.time')}</th><th>{t('mail.unit')}</th><th>{t('mail.print.items')}</th><th>{t('mail.print.picker')}</th><th>{t('mail.print.signedBy')}</th><th>{t('mail.print.handledBy')}</th></tr>
          </thead>
          <tbody>
            {rows.map((p) => (
              <tr key={p.id} data-testid="mail-sheet-row">
                <td>{formatInstant(p.at, 'MM-DD HH:mm')}</td>
                <td>{p.unitLabel ?? '—'}</td>
                <td>
                  {p.items.map((i) => <div key={i.id}><span className="wd-mono">{i.number}</span> {o.kind(i.kind)} · {o.carrier(i.carrier)} ×{i.pieces}</div>)}
                  <div className="wd-print-sub">{p.statement}</div>
                </td>
                <td>
                  {p.pickerName}
                  <div className="wd-print-sub">{o.relation(p.relation)}{p.authorizationName ? `（${p.authorizationName}）` : ''}</div>
                  {p.idType && <div className="wd-print-sub">{t('mail.print.idChecked')}：{o.idType(p.idType)} ···{p.idLast4}</div>}
                </td>
                <td><img className="wd-sig-img" src={`/api/v1/mail/pickups/${p.id}/signature`} alt={p.pickerName} /></td>
                <td>{p.handledByName ?? '—'}</td>
              </tr>
            ))}
            {blank && <BlankRows count={12} columns={6} height="15mm" />}
          </tbody>
        </table>
      </FormSheet>
    </FormShell>
  );
}
