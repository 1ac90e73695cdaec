import { Signatures } from './PrintSheet.tsx';
import { useQuery } from '@tanstack/react-query';
import { useSearchParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Notice } from '../../api/fee-types.ts';
import { useSession } from '../../app/session.tsx';
import { extraText, formatQuantity, useMethodLabel } from '../../components/fees/FeeTags.tsx';
import { useEstate } from '../../components/fees/queries.ts';
import { formatDate, formatFen } from '../../components/format.ts';
import { useT } from '../../i18n/index.tsx';
import { CapitalsLine, FeePrintShell } from './FeePrintShell.tsx';
import { BlankRows } from './kit/BlankRows.tsx';
import { FormSheet, V } from './kit/FormSheet.tsx';

const METHODS = ['cash', 'card', 'wechat', 'alipay', 'transfer'];

/** 缴费通知单 in batch: one unit a page, the period's lines, arrears brought forward and the total. */
export default function NoticesPrint() {
  const t = useT();
  const { estateId, estate } = useSession();
  const [params] = useSearchParams();
  const period = params.get('period') ?? '';
  const units = (params.get('units') ?? '').split(',').map(Number).filter(Boolean);
  const query = { estateId, period, areaId: params.get('areaId') ?? undefined, buildingId: params.get('buildingId') ?? undefined };
  const list = useQuery({ queryKey: ['fees', 'notices', query], queryFn: () => api<{ items: Notice[]; skipped: number }>('/api/v1/fees/notices', { query }), enabled: !!estateId });
  const info = useEstate(estateId);
  const items = (list.data?.items ?? []).filter((n) => !units.length || units.includes(n.unitId));
  const phone = info.data?.phone;
  return (
    <FeePrintShell
      loading={list.isPending}
      error={list.error}
      back={`/fees/notices?period=${period}`}
      empty={!items.length}
      tools={list.data?.skipped ? <span className="wd-muted" data-testid="notices-skipped">{t('fees.notices.skipped', { n: list.data.skipped })}</span> : null}
    >
      {items.map((n, i) => (
        <NoticeSheet key={n.unitId} n={n} estate={estate?.name} phone={phone} page={[i + 1, items.length]} />
      ))}
    </FeePrintShell>
  );
}

/** What a blank notice is printed from: no lines, every amount a writing line. */
const BLANK_NOTICE = { unitId: 0, period: '', dueOn: '', ownerName: null, unitLabel: '', lines: [], periodAmount: 0, arrears: 0, lateFees: 0, prepaidBalance: 0, totalDue: 0 } as unknown as Notice;

/** One unit's notice on an A4 page of the kit (or the blank paper version). */
function NoticeSheet({ n, estate, phone, page, blank = false }: { n: Notice; estate: string | undefined; phone: string | null | undefined; page?: [number, number]; blank?: boolean }) {
  const t = useT();
  const methodLabel = useMethodLabel();
  return (
    <FormSheet
      form="notice"
      estate={estate}
      record={blank ? null : { key: `${n.unitId}@${n.period}`, no: n.unitLabel }}
      page={page}
      blank={blank}
      meta={[
          <>
            {t('fees.line.period')}
            {t('print.colon')}
            <V>{n.period}</V>
          </>,
          <>
            {t('fees.notice.dueBy')}
            {t('print.colon')}
            <V>{<b>{formatDate(n.dueOn)}</b>}</V>
          </>,
      ]}
    >
      <p style={{ margin: '6px 0' }}>{blank ? t('fees.notice.dear', { owner: '________', unit: '________' }) : t('fees.notice.dear', { owner: n.ownerName ?? '', unit: n.unitLabel })}</p>
      <p style={{ margin: '0 0 8px', textIndent: '2em' }}>{t('fees.notice.intro', { period: blank ? '______' : n.period })}</p>
      <table className="wd-print-table wd-print-money">
        <colgroup>
          <col style={{ width: '30%' }} />
          <col style={{ width: '14%' }} />
          <col style={{ width: '20%' }} />
          <col style={{ width: '18%' }} />
          <col style={{ width: '18%' }} />
        </colgroup>
        <thead>
          <tr>
            <th>{t('fees.line.item')}</th>
            <th>{t('fees.line.period')}</th>
            <th>{t('fees.notice.quantity')}</th>
            <th className="num">{t('fees.line.amount')}</th>
            <th className="num">{t('fees.line.totalDue')}</th>
          </tr>
        </thead>
        <tbody>
          {blank && <BlankRows count={6} columns={5} height="8mm" />}
          {n.lines.map((l) => (
            <tr key={l.id}>
              <td>
                {l.itemName}
                {extraText(l) ? <span className="wd-print-sub"> {extraText(l)}</span> : null}
              </td>
              <td>{l.period}</td>
              <td>{formatQuantity(l)}</td>
              <td className="num">{formatFen(l.amount)}</td>
              <td className="num">{formatFen(l.totalDue)}</td>
            </tr>
          ))}
          <tr>
            <td colSpan={4}>{t('fees.notices.periodAmount')}</td>
            <td className="num"><V>{formatFen(n.periodAmount)}</V></td>
          </tr>
          <tr>
            <td colSpan={4}>{t('fees.notice.arrearsForward')}</td>
            <td className="num"><V>{formatFen(n.arrears)}</V></td>
          </tr>
          <tr>
            <td colSpan={4}>{t('fees.notice.lateFees')}</td>
            <td className="num"><V>{formatFen(n.lateFees)}</V></td>
          </tr>
          <tr>
            <td colSpan={4}>{t('fees.notice.prepaid')}</td>
            <td className="num"><V>{formatFen(n.prepaidBalance)}</V></td>
          </tr>
        </tbody>
        <tfoot>
          <tr>
            <td colSpan={4}>{t('fees.notices.totalDue')}</td>
            <td className="num" data-testid="notice-total">
              <V>{formatFen(n.totalDue)}</V>
            </td>
          </tr>
        </tfoot>
      </table>
      <CapitalsLine fen={Math.max(0, n.totalDue)} />
      <div className="wd-print-note">
        <b>{t('fees.notice.howToPay')}</b>
        <ol>
          <li>{t('fees.notice.where', { methods: METHODS.map(methodLabel).join(t('fees.listSep')) })}</li>
          <li>{t('fees.notice.lateRule')}</li>
          <li>{phone ? t('fees.notice.phone', { phone }) : t('fees.notice.phoneNone')}</li>
        </ol>
      </div>
      <div className="wd-print-stamp">
        <div>{t('fees.notice.center', { estate: estate ?? '' })}</div>
      </div>
      <Signatures roles={[{ role: t('fees.notice.receivedBy'), name: blank ? null : (n.ownerName ?? null) }, t('print.date')]} dated={false} />
    </FormSheet>
  );
}

/** The paper version of 5.3, filled in by hand. */
export function NoticeBlank() {
  const { estate } = useSession();
  const info = useEstate(estate?.id);
  return (
    <FeePrintShell loading={false} error={null} back="/forms">
      <NoticeSheet n={BLANK_NOTICE} estate={estate?.name} phone={info.data?.phone} blank />
    </FeePrintShell>
  );
}
