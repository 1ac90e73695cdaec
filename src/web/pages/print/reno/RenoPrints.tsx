/**
 * Renovation forms on the form kit (A4 head with estate, form number, record number, page x / y,
 * QR back to the record, printed names beside signatures, the signed scan's upload): the 开工证 with
 * the QR the daily inspection scans, 5.5《装修巡查表》, 5.6《装修违规通知书》 with its receipt stub,
 * 5.7《装修审批及竣工验收表》 and the Saturday report; 5.5–5.7 also blank for paper use (here with id
 * "blank", and in the /forms gallery).
 */
import { useQuery } from '@tanstack/react-query';
import { Flex } from 'antd';
import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useParams } from 'react-router';
import { ACCEPTANCE_ITEM_LABELS, RENO_KIND_LABELS, RENO_SCOPE_LABELS, SIGNER_LABELS, VIOLATION_CATEGORY_LABELS } from '../../../../core/renovation-labels.ts';
import { ACCEPTANCE_ITEMS, SIGNERS } from '../../../../core/renovation.ts';
import { api } from '../../../api/client.ts';
import type { Renovation, RenovationDetail, RenoViolation, RenoWeekReport } from '../../../api/reno-types.ts';
import type { ListResponse } from '../../../api/types.ts';
import { useSession } from '../../../app/session.tsx';
import { formatDateTime, formatFen, today } from '../../../components/format.ts';
import { useI18n, useT } from '../../../i18n/index.tsx';
import { ReportBody } from '../../reno/ReportBody.tsx';
import { FormShell, FormSheet, Signatures } from '../kit/index.ts';
import { Field, FormGrid } from '../PrintSheet.tsx';

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
/** The paper version: asked by id "blank" here, or by the gallery's /print/blank/:form (no id). */
const useBlankId = (paper: boolean) => {
  const { id } = useParams();
  return paper || id === 'blank';
};
const back = (t: ReturnType<typeof useT>) => t('reno.p.back');
const line = (w = '100%') => <span className="wd-print-line" style={{ display: 'inline-block', width: w }} />;

/** 装修开工证: posted on the door; its QR is the daily inspection's checkpoint. */
export function PermitPrint() {
  const { t, label } = useI18n();
  const { estateName } = useSession();
  const r = useReno();
  const x = r.data;
  return (
    <FormShell back={`/reno/${x?.id ?? ''}`} backLabel={back(t)} loading={r.isPending} error={r.error}>
      {x && (
        <FormSheet form="reno-permit" estate={estateName(x.estateId)} record={{ key: String(x.id), no: null }} meta={[<>{t('reno.permitNo')}{t('print.colon')}<b className="wd-mono">{x.permitNo ?? '—'}</b></>]}>
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
        </FormSheet>
      )}
    </FormShell>
  );
}

/** 5.6 装修违规通知书 (整改通知单): owner's copy and, cut off, the receipt stub kept by the center. */
export function NoticePrint({ blank: paper = false }: { blank?: boolean }) {
  const { t, label } = useI18n();
  const { estateName, estateId } = useSession();
  const { id } = useParams();
  const blank = useBlankId(paper);
  const v = useQuery({ queryKey: ['reno-violation', id], queryFn: () => api<RenoViolation & { renovationNumber: string; unitId: number }>(`/api/v1/renovation-violations/${id}`), enabled: !blank });
  const reno = useQuery({ queryKey: ['renovation', v.data?.renovationId], queryFn: () => api<Renovation>(`/api/v1/renovations/${v.data!.renovationId}`), enabled: !!v.data });
  const x = v.data;
  // the stub is cut off and kept by the center: its own small heading repeats the notice number
  const part = (stub: boolean) => (
    <section style={stub ? { borderTop: '1px dashed #000', marginTop: '8mm', paddingTop: '6mm' } : undefined}>
      {stub && (
        <h2 className="wd-print-h2">
          {t('reno.p.noticeStub')}　<span style={{ fontWeight: 'normal', fontSize: '10pt' }}>{t('reno.p.noticeNo')}{t('print.colon')}<b className="wd-mono">{x?.noticeNo ?? line('40mm')}</b></span>
        </h2>
      )}
      <FormGrid>
        <tr><Field label={t('reno.unit')}>{reno.data?.unitLabel ?? line()}</Field><Field label={t('reno.p.ownerName')}>{reno.data?.applicantName ?? line()}</Field></tr>
        <tr><Field label={t('reno.contractor')}>{reno.data?.contractor ?? line()}</Field><Field label={t('reno.p.foundAt')}>{x ? formatDateTime(x.foundAt).slice(0, 16) : line()}</Field></tr>
        {!stub && <tr><Field label={t('reno.category')} span={2}>{x ? label(VIOLATION_CATEGORY_LABELS, x.category) : line()}</Field></tr>}
        {!stub && <tr><Field label={t('reno.p.violation')} span={2}><div style={{ minHeight: '24mm' }} className="wd-pre">{x?.description}</div></Field></tr>}
        <tr><Field label={t('reno.rectifyBy')} span={2}>{x?.rectifyBy ?? line('40mm')}</Field></tr>
      </FormGrid>
      {!stub && <p style={{ fontSize: 13, lineHeight: 1.7 }}>{t('reno.p.noticeText')}</p>}
      <Signatures roles={stub ? [{ role: t('reno.p.receivedBy'), name: x?.acknowledgedBy ?? null }, { role: t('reno.p.issuedBy'), name: x?.noticeByName ?? null }] : [{ role: t('reno.p.issuedBy'), name: x?.noticeByName ?? null }]} />
    </section>
  );
  return (
    <FormShell back={paper ? '/forms' : x ? `/reno/${x.renovationId}` : '/reno'} backLabel={paper ? undefined : back(t)} loading={!blank && v.isPending} error={v.error}>
      <FormSheet form="reno-notice" estate={estateName(reno.data?.estateId ?? estateId)} blank={blank} record={x ? { key: String(x.id), no: x.noticeNo ?? `#${x.id}` } : null}>
        {part(false)}
        {part(true)}
      </FormSheet>
    </FormShell>
  );
}

/** 5.7 装修审批及竣工验收表: the approval and, below, the acceptance with four printed names. */
export function ApprovalPrint({ blank: paper = false }: { blank?: boolean }) {
  const { t, label } = useI18n();
  const { estateName, estateId } = useSession();
  const r = useReno();
  const blank = useBlankId(paper);
  const x = r.data;
  const acc = x?.acceptances.filter((a) => a.result === 'pass').at(-1);
  const ev = (a: string) => x?.timeline.find((e) => e.action === a);
  return (
    <FormShell back={paper ? '/forms' : x ? `/reno/${x.id}` : '/reno'} backLabel={paper ? undefined : back(t)} loading={!blank && r.isPending} error={r.error}>
      <FormSheet form="reno-approval" estate={estateName(x?.estateId ?? estateId)} blank={blank} record={x ? { key: String(x.id), no: x.number } : null}>
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
      <Signatures roles={SIGNERS.map((s) => ({ role: label(SIGNER_LABELS, s), name: acc?.signatures[s]?.name ?? null }))} />
      </FormSheet>
    </FormShell>
  );
}

/** 5.5 装修巡查表: one row per active renovation of the day; blank lines for paper rounds. */
export function InspectionSheetPrint({ blank: paper = false }: { blank?: boolean }) {
  const { t } = useI18n();
  const { estateId, estateName } = useSession();
  const blank = useBlankId(paper);
  const list = useQuery({ queryKey: ['renovations', 'active-sheet', estateId], queryFn: () => api<ListResponse<Renovation>>('/api/v1/renovations', { query: { estateId, status: 'in_progress', pageSize: 200 } }), enabled: !!estateId && !blank });
  const rows = blank ? [] : (list.data?.items ?? []);
  const cols = ['reno.p.col.structure', 'reno.p.col.facade', 'reno.p.col.waterproof', 'reno.p.col.utilities', 'reno.p.col.fire', 'reno.p.col.hours', 'reno.p.col.public', 'reno.p.col.workers'] as const;
  return (
    <FormShell back={paper ? '/forms' : '/reno'} backLabel={paper ? undefined : back(t)} loading={!blank && list.isPending} error={list.error}>
      <FormSheet form="reno-sheet" estate={estateName(estateId)} blank={blank} record={blank ? null : { key: `${estateId}@${today()}`, no: null }} meta={[<>{t('reno.inspDay')}{t('print.colon')}{line('30mm')}</>, <>{t('reno.inspector')}{t('print.colon')}{line('30mm')}</>]}>
      <table className="wd-print-table wd-print-grid" style={{ fontSize: 11 }}>
        <thead>
          <tr>
            <th>{t('reno.unit')}</th><th>{t('reno.contractor')}</th><th>{t('reno.p.site')}</th>
            {cols.map((c) => <th key={c}>{t(c)}</th>)}
            <th>{t('reno.p.col.result')}</th>
          </tr>
        </thead>
        <tbody>
          {[...rows.map((r) => ({ key: String(r.id), unit: r.unitLabel, contractor: r.contractor })), ...Array.from({ length: Math.max(3, 10 - rows.length) }, (_, i) => ({ key: `b${i}`, unit: '', contractor: '' }))].map((r) => (
            <tr key={r.key} style={{ height: '9mm' }}>
              <td>{r.unit}</td><td>{r.contractor}</td><td>{t('reno.p.siteBoxes')}</td>
              {cols.map((c) => <td key={c} />)}
              <td />
            </tr>
          ))}
        </tbody>
      </table>
      <p style={{ fontSize: 11 }}>{t('reno.p.sheetLegend')}</p>
      </FormSheet>
    </FormShell>
  );
}

export function ReportPrint() {
  const t = useT();
  const { id } = useParams();
  const one = useQuery({ queryKey: ['reno-report', Number(id)], queryFn: () => api<{ id: number; estateName: string; deliveredAt: string; report: RenoWeekReport }>(`/api/v1/renovation-reports/${id}`) });
  return (
    <FormShell back={`/reno/reports?id=${id}`} backLabel={t('reno.p.back')} loading={one.isPending} error={one.error}>
      {one.data && (
        <FormSheet form="reno-report" estate={one.data.estateName} record={{ key: String(one.data.id), no: null }} meta={[`${one.data.report.from} ~ ${one.data.report.to}`]}>
          <ReportBody r={one.data.report} />
          <Signatures roles={[{ role: t('reno.p.preparedBy'), name: null }, { role: t('reno.p.reviewedBy'), name: null }]} />
        </FormSheet>
      )}
    </FormShell>
  );
}

export const NoticeBlank = () => <NoticePrint blank />;
export const ApprovalBlank = () => <ApprovalPrint blank />;
export const InspectionSheetBlank = () => <InspectionSheetPrint blank />;
