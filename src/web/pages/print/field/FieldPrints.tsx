/**
 * Printed forms of signage and vacant units on A4 (.wd-a4, as PrintSheet): the QR label sheet, 5.9
 * 空置房屋登记表, 5.10 空置房屋巡查签到表 and 5.11 空置房屋巡查记录表, each blank (paper use) or filled.
 * Built with the existing print CSS so they can move to the common form kit later.
 */
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex } from 'antd';
import QRCode from 'qrcode';
import { type ReactNode, useEffect, useState } from 'react';
import { useNavigate, useParams, useSearchParams } from 'react-router';
import { CHECK_RESULT_LABELS, SIGN_CATEGORY_LABELS, VACANT_ITEM_LABELS, VACANT_REASON_LABELS } from '../../../../core/field-labels.ts';
import { VACANT_CHECK_ITEMS } from '../../../../core/vacant.ts';
import { api } from '../../../api/client.ts';
import type { ListResponse } from '../../../api/types.ts';
import { useSession } from '../../../app/session.tsx';
import { LangSwitch } from '../../../components/LangSwitch.tsx';
import { ErrorResult, PageLoading } from '../../../components/Results.tsx';
import { useI18n } from '../../../i18n/index.tsx';
import type { Registration, RegistrationDetail, Sign } from '../../field/field-api.ts';
import { Field, FormGrid, Signatures } from '../PrintSheet.tsx';
import './field-print.css';

function Shell({ back, loading, error, children }: { back: string; loading?: boolean; error?: unknown; children: ReactNode }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  if (loading) return <PageLoading />;
  if (error) return <ErrorResult error={error} />;
  return (
    <div className="wd-print-root">
      <Flex className="wd-print-toolbar" justify="space-between" align="center" gap={12}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>{t('field.back')}</Button>
        <Flex gap={12} align="center">
          <LangSwitch size="small" />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">{t('print.print')}</Button>
        </Flex>
      </Flex>
      <div className="wd-a4-pages">{children}</div>
    </div>
  );
}

function Head({ title, meta }: { title: string; meta?: ReactNode }) {
  const { estateName, estateId } = useSession();
  return (
    <header className="wd-print-head">
      <div className="wd-print-estate">{estateName(estateId)}</div>
      <h1>{title}</h1>
      {meta && <div className="wd-print-meta">{meta}</div>}
    </header>
  );
}

/** QR labels: 3 × 7 per A4 page; the code links back to the sign in the registry. */
export function SignLabelsPrint() {
  const { t, label } = useI18n();
  const { estateId } = useSession();
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
  return (
    <Shell back="/site/signs" loading={list.isPending} error={list.error}>
      {(pages.length ? pages : [[]]).map((p, i) => (
        <article key={i} className="wd-a4" data-testid="print-sheet">
          <Head title={t('field.labelsTitle')} />
          <div className="wd-sign-labels">
            {p.map((s) => (
              <div key={s.id} className="wd-sign-label">
                {codes[s.code] ? <img src={codes[s.code]} alt={s.code} /> : <div className="wd-sign-qr" />}
                <div><b className="wd-mono">{s.code}</b><div>{label(SIGN_CATEGORY_LABELS, s.category)}</div><div className="wd-print-sub">{s.location}</div></div>
              </div>
            ))}
          </div>
        </article>
      ))}
    </Shell>
  );
}

/** 5.9 空置房屋登记表: one line per active registration (or blank lines). */
export function VacantRegisterPrint() {
  const { t, label } = useI18n();
  const { estateId } = useSession();
  const [params] = useSearchParams();
  const blank = params.get('blank') === '1';
  const list = useQuery({ queryKey: ['vacant', 'print', estateId], queryFn: () => api<ListResponse<Registration>>('/api/v1/field/vacant', { query: { estateId, state: 'active', pageSize: 200 } }), enabled: !!estateId && !blank });
  const rows: Array<Registration | null> = blank ? Array.from({ length: 18 }, () => null) : (list.data?.items ?? []);
  return (
    <Shell back="/site/vacant" loading={!blank && list.isPending} error={list.error}>
      <article className="wd-a4" data-testid="print-sheet">
        <Head title={t('field.form59Title')} />
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
        <Signatures roles={[t('field.registrar'), t('field.supervisor')]} />
      </article>
    </Shell>
  );
}

function useRegistration() {
  const { id } = useParams();
  return useQuery({ queryKey: ['vacant', 'detail', Number(id)], queryFn: () => api<RegistrationDetail>(`/api/v1/field/vacant/${id}`) });
}

/** 5.10 空置房屋巡查签到表: one unit, one month: date, in, out, checker, companion, entered, signature. */
export function VacantSignInPrint() {
  const { t } = useI18n();
  const q = useRegistration();
  const [params] = useSearchParams();
  const month = params.get('month') ?? new Date().toISOString().slice(0, 7);
  const blank = params.get('blank') === '1';
  const checks = blank ? [] : (q.data?.checks ?? []).filter((c) => c.checkedOn.startsWith(month)).reverse();
  const rows = [...checks, ...Array.from({ length: Math.max(0, 16 - checks.length) }, () => null)];
  return (
    <Shell back="/site/vacant" loading={q.isPending} error={q.error}>
      <article className="wd-a4" data-testid="print-sheet">
        <Head title={t('field.form510Title')} meta={<><span>{t('field.unit')}：{q.data?.unitLabel}</span><span>{t('field.month')}：{month}</span><span>{t('field.keyNo')}：{q.data?.keyNo ?? '—'}</span></>} />
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
      </article>
    </Shell>
  );
}

/** 5.11 空置房屋巡查记录表: one check: items, readings, findings; blank without ?check=. */
export function VacantRecordPrint() {
  const { t, label } = useI18n();
  const q = useRegistration();
  const [params] = useSearchParams();
  const c = q.data?.checks.find((x) => x.id === Number(params.get('check')));
  return (
    <Shell back="/site/vacant" loading={q.isPending} error={q.error}>
      <article className="wd-a4" data-testid="print-sheet">
        <Head title={t('field.form511Title')} />
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
            {(c ? c.readings : (q.data?.meters ?? []).map((m) => ({ meterId: m.id, number: m.number, previous: m.last, value: null as number | null, used: false }))).map((r) => (
              <tr key={r.meterId} style={{ height: '8mm' }}><td>{r.number}</td><td>{r.previous ?? ''}</td><td>{r.value ?? ''}</td><td>{r.value != null && r.previous != null ? r.value - r.previous : ''}</td></tr>
            ))}
          </tbody>
        </table>
        <FormGrid>
          <tr className="wd-print-tall"><Field label={t('field.checkNote')} span={2}><div className="wd-pre">{c?.note}{c?.ticketNumber ? `（${t('field.ticket')} ${c.ticketNumber}）` : ''}</div></Field></tr>
        </FormGrid>
        <Signatures roles={[t('field.checker'), t('field.companion'), t('field.supervisor')]} />
      </article>
    </Shell>
  );
}
