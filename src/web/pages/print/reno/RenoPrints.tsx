/**
 * Renovation forms on A4 with the common print CSS (.wd-a4): the 开工证 with the QR the daily
 * inspection scans, 5.5《装修巡查表》, 5.6《装修违规通知书》 with its receipt stub, 5.7《装修审批及
 * 竣工验收表》 and the Saturday report; each form also blank for paper use.
 */
import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex } from 'antd';
import QRCode from 'qrcode';
import { type ReactNode, useEffect, useState } from 'react';
import { useNavigate, useParams } from 'react-router';
import { ACCEPTANCE_ITEM_LABELS, RENO_KIND_LABELS, RENO_SCOPE_LABELS, SIGNER_LABELS, VIOLATION_CATEGORY_LABELS } from '../../../../core/renovation-labels.ts';
import { ACCEPTANCE_ITEMS, SIGNERS } from '../../../../core/renovation.ts';
import { api } from '../../../api/client.ts';
import type { Renovation, RenovationDetail, RenoViolation, RenoWeekReport } from '../../../api/reno-types.ts';
import type { ListResponse } from '../../../api/types.ts';
import { useSession } from '../../../app/session.tsx';
import { LangSwitch } from '../../../components/LangSwitch.tsx';
import { formatDateTime, formatFen } from '../../../components/format.ts';
import { ErrorResult, PageLoading } from '../../../components/Results.tsx';
import { useI18n, useT } from '../../../i18n/index.tsx';
import { ReportBody } from '../../reno/ReportBody.tsx';
import { Field, FormGrid, Signatures } from '../PrintSheet.tsx';

function Sheet({ back, children, pending, error }: { back: string; children: ReactNode; pending?: boolean; error?: unknown }) {
  const t = useT();
  const navigate = useNavigate();
  if (pending) return <PageLoading />;
  if (error) return <ErrorResult error={error} />;
  return (
    <div className="wd-print-root">
      <Flex className="wd-print-toolbar" justify="space-between" align="center" gap={12}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(back)}>{t('reno.p.back')}</Button>
        <Flex gap={12} align="center">
          <LangSwitch size="small" />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">{t('print.print')}</Button>
        </Flex>
      </Flex>
      <article className="wd-a4" data-testid="print-sheet">{children}</article>
    </div>
  );
}

function Head({ title, estate, meta }: { title: string; estate?: string; meta?: ReactNode }) {
  return (
    <header className="wd-print-head">
      <div className="wd-print-estate">{estate}</div>
      <h1>{title}</h1>
      {meta && <div className="wd-print-meta">{meta}</div>}
    </header>
  );
}

function Qr({ text, size = 132 }: { text: string; size?: number }) {
  const [src, setSrc] = useState<string>();
  useEffect(() => {
    void QRCode.toDataURL(text, { margin: 1, width: size * 2 }).then(setSrc);
  }, [text, size]);
  return src ? <img src={src} width={size} height={size} alt="QR" data-testid="permit-qr" /> : null;
}

const useReno = () => {
  const { id } = useParams();
  return useQuery({ queryKey: ['renovation', Number(id)], queryFn: () => api<RenovationDetail>(`/api/v1/renovations/${id}`), enabled: !!id && id !== 'blank' });
};
const line = (w = '100%') => <span className="wd-print-line" style={{ display: 'inline-block', width: w }} />;

/** 装修开工证: posted on the door; its QR is the daily inspection's checkpoint. */
export function PermitPrint() {
  const { t, label } = useI18n();
  const { estateName } = useSession();
  const r = useReno();
  const x = r.data;
  return (
    <Sheet back={`/reno/${x?.id ?? ''}`} pending={r.isPending} error={r.error}>
      {x && (
        <>
          <Head title={t('reno.p.permitTitle')} estate={estateName(x.estateId)} meta={<span>{t('reno.permitNo')}：<b className="wd-mono">{x.permitNo ?? '—'}</b></span>} />
          <div style={{ fontSize: 40, textAlign: 'center', fontWeight: 700, margin: '8mm 0' }}>{x.unitLabel}</div>
          <FormGrid>
            <tr><Field label={t('reno.kind')}>{label(RENO_KIND_LABELS, x.kind)}</Field><Field label={t('reno.number')}>{x.number}</Field></tr>
            <tr><Field label={t('reno.contractor')}>{x.contractor}</Field><Field label={t('reno.leadName')}>{x.leadName} {x.leadPhone}</Field></tr>
            <tr><Field label={t('reno.plannedDates')} span={2}>{x.plannedStart} ~ {x.plannedEnd}</Field></tr>
            <tr><Field label={t('reno.scope')} span={2}>{x.scope.map((s) => label(RENO_SCOPE_LABELS, s)).join('、')}</Field></tr>
            <tr><Field label={t('reno.p.hours')} span={2}>{t('reno.p.hoursText')}</Field></tr>
          </FormGrid>
          <Flex justify="space-between" align="center" style={{ marginTop: '10mm' }}>
            <ol style={{ fontSize: 13, lineHeight: 1.8, maxWidth: '120mm' }}>
              <li>{t('reno.p.rule1')}</li>
              <li>{t('reno.p.rule2')}</li>
              <li>{t('reno.p.rule3')}</li>
              <li>{t('reno.p.rule4')}</li>
            </ol>
            <div style={{ textAlign: 'center' }}>
              {x.inspection?.scanPath ? <Qr text={`${window.location.origin}${x.inspection.scanPath}`} /> : null}
              <div style={{ fontSize: 12 }}>{t('reno.p.scan')}</div>
            </div>
          </Flex>
          <div style={{ textAlign: 'right', marginTop: '12mm' }}>{t('reno.p.issuer')}（{t('reno.p.stamp')}）　{x.permittedAt ? formatDateTime(x.permittedAt).slice(0, 10) : ''}</div>
        </>
      )}
    </Sheet>
  );
}

/** 5.6 装修违规通知书 (整改通知单): owner's copy and, cut off, the receipt stub kept by the center. */
export function NoticePrint() {
  const { t, label } = useI18n();
  const { estateName, estateId } = useSession();
  const { id } = useParams();
  const blank = id === 'blank';
  const v = useQuery({ queryKey: ['reno-violation', id], queryFn: () => api<RenoViolation & { renovationNumber: string; unitId: number }>(`/api/v1/renovation-violations/${id}`), enabled: !blank });
  const reno = useQuery({ queryKey: ['renovation', v.data?.renovationId], queryFn: () => api<Renovation>(`/api/v1/renovations/${v.data!.renovationId}`), enabled: !!v.data });
  const x = v.data;
  const part = (stub: boolean) => (
    <section style={stub ? { borderTop: '1px dashed #000', marginTop: '8mm', paddingTop: '6mm' } : undefined}>
      <Head title={stub ? t('reno.p.noticeStub') : t('reno.p.noticeTitle')} estate={estateName(reno.data?.estateId ?? estateId)} meta={<span>{t('reno.p.noticeNo')}：<b className="wd-mono">{x?.noticeNo ?? line('40mm')}</b></span>} />
      <FormGrid>
        <tr><Field label={t('reno.unit')}>{reno.data?.unitLabel ?? line()}</Field><Field label={t('reno.p.ownerName')}>{reno.data?.applicantName ?? line()}</Field></tr>
        <tr><Field label={t('reno.contractor')}>{reno.data?.contractor ?? line()}</Field><Field label={t('reno.p.foundAt')}>{x ? formatDateTime(x.foundAt).slice(0, 16) : line()}</Field></tr>
        {!stub && <tr><Field label={t('reno.category')} span={2}>{x ? label(VIOLATION_CATEGORY_LABELS, x.category) : line()}</Field></tr>}
        {!stub && <tr><Field label={t('reno.p.violation')} span={2}><div style={{ minHeight: '24mm' }} className="wd-pre">{x?.description}</div></Field></tr>}
        <tr><Field label={t('reno.rectifyBy')} span={2}>{x?.rectifyBy ?? line('40mm')}</Field></tr>
      </FormGrid>
      {!stub && <p style={{ fontSize: 13, lineHeight: 1.7 }}>{t('reno.p.noticeText')}</p>}
      <Signatures roles={stub ? [t('reno.p.receivedBy'), t('reno.p.issuedBy')] : [t('reno.p.issuedBy')]} filled={stub ? (x?.acknowledgedBy ? { [t('reno.p.receivedBy')]: x.acknowledgedBy } : {}) : x?.noticeByName ? { [t('reno.p.issuedBy')]: x.noticeByName } : {}} />
    </section>
  );
  return (
    <Sheet back={x ? `/reno/${x.renovationId}` : '/reno'} pending={!blank && v.isPending} error={v.error}>
      {part(false)}
      {part(true)}
    </Sheet>
  );
}

/** 5.7 装修审批及竣工验收表: the approval and, below, the acceptance with four printed names. */
export function ApprovalPrint() {
  const { t, label } = useI18n();
  const { estateName, estateId } = useSession();
  const r = useReno();
  const blank = useParams().id === 'blank';
  const x = r.data;
  const acc = x?.acceptances.filter((a) => a.result === 'pass').at(-1);
  const ev = (a: string) => x?.timeline.find((e) => e.action === a);
  return (
    <Sheet back={x ? `/reno/${x.id}` : '/reno'} pending={!blank && r.isPending} error={r.error}>
      <Head title={t('reno.p.approvalTitle')} estate={estateName(x?.estateId ?? estateId)} meta={<span>{t('reno.number')}：<b className="wd-mono">{x?.number ?? line('40mm')}</b></span>} />
      <FormGrid>
        <tr><Field label={t('reno.unit')}>{x?.unitLabel ?? line()}</Field><Field label={t('reno.applicantName')}>{x ? `${x.applicantName} ${x.applicantPhone ?? ''}` : line()}</Field></tr>
        <tr><Field label={t('reno.contractor')}>{x?.contractor ?? line()}</Field><Field label={t('reno.leadName')}>{x ? `${x.leadName} ${x.leadPhone ?? ''}` : line()}</Field></tr>
        <tr><Field label={t('reno.scope')} span={2}>{x ? x.scope.map((s) => label(RENO_SCOPE_LABELS, s)).join('、') : Object.keys(RENO_SCOPE_LABELS).map((s) => `□${label(RENO_SCOPE_LABELS, s)}`).join('  ')}</Field></tr>
        <tr><Field label={t('reno.description')} span={2}><div style={{ minHeight: '14mm' }}>{x?.description}</div></Field></tr>
        <tr><Field label={t('reno.plannedDates')}>{x ? `${x.plannedStart} ~ ${x.plannedEnd}` : line()}</Field><Field label={t('reno.depositAmount')}>{x ? `${formatFen(x.depositAmount)} ${t('reno.yuan')}` : line()}</Field></tr>
        <tr><Field label={t('reno.engineeringOpinion')} span={2}><div style={{ minHeight: '10mm' }}>{x?.engineeringOpinion}</div></Field></tr>
        <tr><Field label={t('reno.p.approval')} span={2}>{ev('approve') ? `${ev('approve')!.actorName} ${formatDateTime(ev('approve')!.at).slice(0, 10)}` : line('60mm')}</Field></tr>
      </FormGrid>
      <h2 className="wd-print-h2">{t('reno.p.acceptanceTitle')}</h2>
      <table className="wd-print-table wd-print-grid">
        <thead><tr><th>{t('reno.checklist')}</th><th style={{ width: '18%' }}>{t('reno.p.okOrNot')}</th></tr></thead>
        <tbody>
          {ACCEPTANCE_ITEMS.map((i) => {
            const c = acc?.checklist.find((y) => y.item === i);
            return <tr key={i}><td>{label(ACCEPTANCE_ITEM_LABELS, i)}</td><td>{c ? (c.ok ? '✔' : '✘') : '□'}</td></tr>;
          })}
        </tbody>
      </table>
      <p>{t('reno.result')}：{acc ? t('reno.pass') : '□' + t('reno.pass') + '  □' + t('reno.fail')}　{acc ? formatDateTime(acc.at).slice(0, 10) : ''}</p>
      <Signatures roles={SIGNERS.map((s) => label(SIGNER_LABELS, s))} filled={acc ? Object.fromEntries(SIGNERS.filter((s) => acc.signatures[s]).map((s) => [label(SIGNER_LABELS, s), acc.signatures[s]!.name])) : {}} />
    </Sheet>
  );
}

/** 5.5 装修巡查表: one row per active renovation of the day; blank lines for paper rounds. */
export function InspectionSheetPrint() {
  const { t } = useI18n();
  const { estateId, estateName } = useSession();
  const list = useQuery({ queryKey: ['renovations', 'active-sheet', estateId], queryFn: () => api<ListResponse<Renovation>>('/api/v1/renovations', { query: { estateId, status: 'in_progress', pageSize: 200 } }), enabled: !!estateId });
  const blank = useParams().id === 'blank';
  const rows = blank ? [] : (list.data?.items ?? []);
  const cols = ['reno.p.col.structure', 'reno.p.col.facade', 'reno.p.col.waterproof', 'reno.p.col.utilities', 'reno.p.col.fire', 'reno.p.col.hours', 'reno.p.col.public', 'reno.p.col.workers'] as const;
  return (
    <Sheet back="/reno" pending={!blank && list.isPending} error={list.error}>
      <Head title={t('reno.p.sheetTitle')} estate={estateName(estateId)} meta={<span>{t('reno.inspDay')}：{line('30mm')}　{t('reno.inspector')}：{line('30mm')}</span>} />
      <table className="wd-print-table wd-print-grid" style={{ fontSize: 11 }}>
        <thead>
          <tr>
            <th>{t('reno.unit')}</th><th>{t('reno.contractor')}</th><th>{t('reno.p.site')}</th>
            {cols.map((c) => <th key={c}>{t(c)}</th>)}
            <th>{t('reno.p.col.result')}</th>
          </tr>
        </thead>
        <tbody>
          {[...rows.map((r) => ({ key: String(r.id), unit: r.unitLabel, contractor: r.contractor })), ...Array.from({ length: Math.max(3, 15 - rows.length) }, (_, i) => ({ key: `b${i}`, unit: '', contractor: '' }))].map((r) => (
            <tr key={r.key} style={{ height: '9mm' }}>
              <td>{r.unit}</td><td>{r.contractor}</td><td>{t('reno.p.siteBoxes')}</td>
              {cols.map((c) => <td key={c} />)}
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ fontSize: 11 }}>{t('reno.p.sheetLegend')}</p>
    </Sheet>
  );
}

export function ReportPrint() {
  const t = useT();
  const { id } = useParams();
  const one = useQuery({ queryKey: ['reno-report', Number(id)], queryFn: () => api<{ id: number; estateName: string; deliveredAt: string; report: RenoWeekReport }>(`/api/v1/renovation-reports/${id}`) });
  return (
    <Sheet back={`/reno/reports?id=${id}`} pending={one.isPending} error={one.error}>
      {one.data && (
        <>
          <Head title={t('reno.p.reportTitle')} estate={one.data.estateName} meta={<span>{one.data.report.from} ~ {one.data.report.to}</span>} />
          <ReportBody r={one.data.report} />
          <Signatures roles={[t('reno.p.preparedBy'), t('reno.p.reviewedBy')]} />
        </>
      )}
    </Sheet>
  );
}
