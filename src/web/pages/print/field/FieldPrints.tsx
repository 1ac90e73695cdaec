/**
 * Printed forms of signage and vacant units on the form kit (A4 head with estate, form number,
 * record number, page x / y, QR back to the record, printed names beside signatures, the signed
 * scan's upload): the QR label sheet, 5.9 空置房屋登记表, 5.10 空置房屋巡查签到表 and 5.11 空置房屋巡查记录表,
 * each blank (paper use, also from the /forms gallery) or filled.
 */
import { useQuery } from '@tanstack/react-query';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useParams, useSearchParams } from 'react-router';
import { CHECK_RESULT_LABELS, SIGN_CATEGORY_LABELS, VACANT_ITEM_LABELS, VACANT_REASON_LABELS } from '../../../../core/field-labels.ts';
import { VACANT_CHECK_ITEMS } from '../../../../core/vacant.ts';
import { api } from '../../../api/client.ts';
import type { ListResponse } from '../../../api/types.ts';
import { useSession } from '../../../app/session.tsx';
import { today } from '../../../components/format.ts';
import { useI18n } from '../../../i18n/index.tsx';
import type { Registration, RegistrationDetail, Sign } from '../../field/field-api.ts';
import { FormShell, FormSheet, Signatures, V } from '../kit/index.ts';
import { Field, FormGrid } from '../PrintSheet.tsx';
import './field-print.css';

/** QR labels: 3 × 7 per A4 page; the code links back to the sign in the registry. */
export function SignLabelsPrint() {
  const { label } = useI18n();
  const { estateId, estateName } = useSession();
  const [params] = useSearchParams();
  const groupId = params.get('groupId') ?? undefined;
  const list = useQuery({ queryKey: ['signs', 'labels', estateId, groupId], queryFn: () => api<ListResponse<Sign>>('/api/v1/field/signs', { query: { estateId, groupId, pageSize: 200 } }), enabled: !!estateId });
  const signs = (list.data?.items ?? []).filter((s) => s.status !== 'removed');
  const [codes, setCodes] = useState<Record<string, string>>({});
  useEffect(() => {
    let live = true;
    void Promise.all(signs.map(async (s) => [s.code, await QRCode.toDataURL(`${location.origin}/field/signs?code=${encodeURIComponent(s.code)}`, { margin: 0, width: 160 })] as const)).then((pairs) => live && setCodes(Object.fromEntries(pairs)));
    return () => { live = false; };
  }, [list.data]);
  const pages: Sign[][] = [];
  for (let i = 0; i < signs.length; i += 21) pages.push(signs.slice(i, i + 21));
  const all = pages.length ? pages : [[]];
  return (
    <FormShell back="/site/signs" loading={list.isPending} error={list.error}>
      {all.map((p, i) => (
        <FormSheet key={i} form="sign-labels" estate={estateName(estateId)} page={[i + 1, all.length]} record={{ key: groupId ? `${estateId}@${groupId}` : String(estateId), no: null }} className="wd-sign-sheet">
          <div className="wd-sign-labels">
            {p.map((s) => (
              <div key={s.id} className="wd-sign-label">
                {codes[s.code] ? <img src={codes[s.code]} alt={s.code} /> : <div className="wd-sign-qr" />}
                <div><b className="wd-mono">{s.code}</b><div>{label(SIGN_CATEGORY_LABELS, s.category)}</div><div className="wd-print-sub">{s.location}</div></div>
              </div>
            ))}
          </div>
        </FormSheet>
      ))}
    </FormShell>
  );
}

/** 5.9 空置房屋登记表: one line per active registration (or blank lines). */
export function VacantRegisterPrint({ blank: paper = false }: { blank?: boolean }) {
  const { t, label } = useI18n();
  const { estateId, estateName } = useSession();
  const [params] = useSearchParams();
  const blank = paper || params.get('blank') === '1';
  const list = useQuery({ queryKey: ['vacant', 'print', estateId], queryFn: () => api<ListResponse<Registration>>('/api/v1/field/vacant', { query: { estateId, state: 'active', pageSize: 200 } }), enabled: !!estateId && !blank });
  const rows: Array<Registration | null> = blank ? Array.from({ length: 18 }, () => null) : (list.data?.items ?? []);
  return (
    <FormShell back={paper ? '/forms' : '/site/vacant'} loading={!blank && list.isPending} error={list.error}>
      <FormSheet form="vacant-register" estate={estateName(estateId)} blank={blank} record={{ key: `${estateId}@${today()}`, no: null }} meta={[<>{t('print.date')}{t('print.colon')}<V width="28mm">{today()}</V></>]}>
        <table className="wd-print-table wd-print-grid">
          <thead>
            <tr>{['field.unit', 'field.areaSqm', 'field.registeredOn', 'field.reason', 'field.ownerContact', 'field.keys', 'field.valves', 'field.interval', 'field.nextCheck'].map((k) => <th key={k}>{t(k as never)}</th>)}</tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={r?.id ?? `b${i}`} style={{ height: '9mm' }}>
                <td>{r?.unitLabel}</td>
                <td>{r?.area ?? ''}</td>
                <td>{r?.registeredOn}</td>
                <td>{r ? label(VACANT_REASON_LABELS, r.reason) : ''}</td>
                <td>{r?.ownerContact}</td>
                <td>{r ? (r.keyHeld ? `${r.keyNo}` : t('field.keyNotHeld')) : ''}</td>
                <td>{r ? (r.valvesClosed ? t('field.closed') : t('field.open')) : ''}</td>
                <td>{r ? t('field.days', { n: r.checkIntervalDays }) : ''}</td>
                <td>{r?.nextCheckOn}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <Signatures roles={[{ role: t('field.registrar'), name: null }, { role: t('field.supervisor'), name: null }]} />
      </FormSheet>
    </FormShell>
  );
}

function useRegistration(enabled = true) {
  const { id } = useParams();
  return useQuery({ queryKey: ['vacant', 'detail', Number(id)], queryFn: () => api<RegistrationDetail>(`/api/v1/field/vacant/${id}`), enabled: enabled && !!id });
}

/** 5.10 空置房屋巡查签到表: one unit, one month: date, in, out, checker, companion, entered, signature. */
export function VacantSignInPrint({ blank: paper = false }: { blank?: boolean }) {
  const { t } = useI18n();
  const { estateId, estateName } = useSession();
  const q = useRegistration(!paper);
  const { id } = useParams();
  const [params] = useSearchParams();
  const month = params.get('month') ?? today().slice(0, 7);
  const blank = paper || params.get('blank') === '1';
  const checks = blank ? [] : (q.data?.checks ?? []).filter((c) => c.checkedOn.startsWith(month)).reverse();
  const rows = [...checks, ...Array.from({ length: Math.max(0, 16 - checks.length) }, () => null)];
  return (
    <FormShell back={paper ? '/forms' : '/site/vacant'} loading={!paper && q.isPending} error={q.error}>
      <FormSheet
        form="vacant-signin"
        estate={estateName(q.data?.estateId ?? estateId)}
        blank={paper}
        record={id ? { key: `${id}@${month}`, no: null } : null}
        meta={[
          <>{t('field.unit')}{t('print.colon')}<V width="30mm">{q.data?.unitLabel}</V></>,
          <>{t('field.month')}{t('print.colon')}<V width="20mm">{month}</V></>,
          <>{t('field.keyNo')}{t('print.colon')}<V width="20mm">{q.data?.keyNo ?? '—'}</V></>,
        ]}
      >
        <table className="wd-print-table wd-print-grid">
          <thead><tr>{['field.checkedOn', 'field.timeIn', 'field.timeOut', 'field.checker', 'field.companion', 'field.entered', 'field.signature'].map((k) => <th key={k}>{t(k as never)}</th>)}</tr></thead>
          <tbody>
            {rows.map((c, i) => (
              <tr key={c?.id ?? `b${i}`} style={{ height: '10mm' }}>
                <td>{c?.checkedOn}</td><td>{c?.timeIn}</td><td>{c?.timeOut}</td><td>{c?.checkerName}</td><td>{c?.companion}</td><td>{c ? (c.entered ? t('field.yes') : t('field.no')) : ''}</td><td />
              </tr>
            ))}
          </tbody>
        </table>
      </FormSheet>
    </FormShell>
  );
}

/** 5.11 空置房屋巡查记录表: one check: items, readings, findings; blank without ?check=. */
export function VacantRecordPrint({ blank: paper = false }: { blank?: boolean }) {
  const { t, label } = useI18n();
  const { estateId, estateName } = useSession();
  const q = useRegistration(!paper);
  const { id } = useParams();
  const [params] = useSearchParams();
  const c = q.data?.checks.find((x) => x.id === Number(params.get('check')));
  const readings = c ? c.readings : (q.data?.meters ?? []).map((m) => ({ meterId: m.id, number: m.number, previous: m.last, value: null as number | null, used: false }));
  const meterRows = readings.length ? readings : Array.from({ length: 3 }, (_, i) => ({ meterId: -i - 1, number: '', previous: null as number | null, value: null as number | null, used: false }));
  return (
    <FormShell back={paper ? '/forms' : '/site/vacant'} loading={!paper && q.isPending} error={q.error}>
      <FormSheet form="vacant-record" estate={estateName(q.data?.estateId ?? estateId)} blank={paper} record={id && c ? { key: `${id}@${c.id}`, no: `VC-${c.id}` } : null}>
        <FormGrid>
          <tr><Field label={t('field.unit')}>{q.data?.unitLabel}</Field><Field label={t('field.checkedOn')}>{c?.checkedOn}</Field></tr>
          <tr><Field label={t('field.timeInOut')}>{c ? `${c.timeIn}–${c.timeOut}` : ''}</Field><Field label={t('field.checker')}>{c ? [c.checkerName, c.companion].filter(Boolean).join(' / ') : ''}</Field></tr>
          <tr><Field label={t('field.entered')}>{c ? (c.entered ? `${t('field.yes')}（${t('field.keyNo')} ${c.keyNoUsed ?? ''}）` : t('field.no')) : ''}</Field><Field label={t('field.result')}>{c ? label(CHECK_RESULT_LABELS, c.result) : ''}</Field></tr>
        </FormGrid>
        <table className="wd-print-table wd-print-grid" style={{ marginTop: '4mm' }}>
          <thead><tr><th style={{ width: '60%' }}>{t('field.item')}</th><th>{t('field.ok')}</th><th>{t('field.issue')}</th></tr></thead>
          <tbody>
            {VACANT_CHECK_ITEMS.map((k) => (
              <tr key={k} style={{ height: '8mm' }}><td>{label(VACANT_ITEM_LABELS, k)}</td><td>{c?.items[k] === 'ok' ? '✓' : ''}</td><td>{c?.items[k] === 'issue' ? '✓' : ''}</td></tr>
            ))}
          </tbody>
        </table>
        <table className="wd-print-table wd-print-grid" style={{ marginTop: '4mm' }}>
          <thead><tr><th>{t('field.meter')}</th><th>{t('field.last')}</th><th>{t('field.reading')}</th><th>{t('field.usage')}</th></tr></thead>
          <tbody>
            {meterRows.map((r) => (
              <tr key={r.meterId} style={{ height: '8mm' }}><td>{r.number}</td><td>{r.previous ?? ''}</td><td>{r.value ?? ''}</td><td>{r.value != null && r.previous != null ? r.value - r.previous : ''}</td></tr>
            ))}
          </tbody>
        </table>
        <FormGrid>
          <tr className="wd-print-tall"><Field label={t('field.checkNote')} span={2}><div className="wd-pre">{c?.note}{c?.ticketNumber ? `（${t('field.ticket')} ${c.ticketNumber}）` : ''}</div></Field></tr>
        </FormGrid>
        <Signatures roles={[{ role: t('field.checker'), name: c ? c.checkerName : null }, { role: t('field.companion'), name: c ? (c.companion ?? '') : null }, { role: t('field.supervisor'), name: null }]} />
      </FormSheet>
    </FormShell>
  );
}

export const VacantRegisterBlank = () => <VacantRegisterPrint blank />;
export const VacantSignInBlank = () => <VacantSignInPrint blank />;
export const VacantRecordBlank = () => <VacantRecordPrint blank />;
