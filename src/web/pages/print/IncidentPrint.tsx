import { EVENT_LABELS, INCIDENT_LABELS } from '../../../core/desk-labels.ts';
import type { TicketDetail } from '../../api/desk-types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { BlankRows } from './kit/BlankRows.tsx';
import { V } from './kit/FormSheet.tsx';
import { Field, FormGrid, PrintSheet, Signatures, usePrintTicket } from './PrintSheet.tsx';

/** 应急事件报告: what happened, each step of the plan with its time, and the full timeline. */
export default function IncidentPrint() {
  return <Incident ticket={usePrintTicket()} />;
}

/** The paper version, for the person on the spot when the system is out of reach. */
export function IncidentBlank() {
  return <Incident ticket={null} />;
}

function Incident({ ticket }: { ticket: ReturnType<typeof usePrintTicket> | null }) {
  const { t, label, roleLabel } = useI18n();
  const { areaName } = useSession();
  const blank = !ticket;
  const time = (s: string | null) => (s ? formatDateTime(s).slice(0, 16) : '');
  const body = (x: TicketDetail) => (
    <>
      <FormGrid>
        <tr>
          <Field label={t('ticket.incidentType')}>{label(INCIDENT_LABELS, x.incidentType)}</Field>
          <Field label={t('print.place')}>{x.unitLabel ?? [t('ticket.publicArea'), areaName(x.areaId)].filter(Boolean).join(' · ')}</Field>
        </tr>
        <tr>
          <Field label={t('ticket.reporter')}>{x.reporterName}</Field>
          <Field label={t('ticket.reporterPhone')}>{x.reporterPhone ?? '—'}</Field>
        </tr>
        <tr>
          <Field label={t('print.content')} span={2}>
            <div className="wd-print-title">{x.title}</div>
            <div className="wd-pre">{x.description}</div>
          </Field>
        </tr>
        <tr>
          <Field label={t('ticket.respondedAt')}>{time(x.respondedAt)}</Field>
          <Field label={t('ticket.resolvedAt')}>{time(x.resolvedAt)}</Field>
        </tr>
      </FormGrid>
      <h2 className="wd-print-h2">{t('plan.title')}</h2>
      <table className="wd-print-table wd-print-grid">
        <thead>
          <tr>
            <th style={{ width: '6%' }}>#</th>
            <th>{t('print.step')}</th>
            <th style={{ width: '14%' }}>{t('print.role')}</th>
            <th style={{ width: '18%' }}>{t('print.doneAt')}</th>
            <th style={{ width: '12%' }}>{t('print.doneBy')}</th>
          </tr>
        </thead>
        <tbody>
          {[...x.steps]
            .sort((a, b) => a.seq - b.seq)
            .map((s) => (
              <tr key={s.id}>
                <td>{s.seq}</td>
                <td>
                  {s.title}
                  {s.note ? ` (${s.note})` : ''}
                </td>
                <td>{roleLabel(s.role as never)}</td>
                <td>{s.doneAt ? time(s.doneAt) : t('print.notDone')}</td>
                <td>{s.doneBy ?? ''}</td>
              </tr>
            ))}
          {blank && <BlankRows count={6} columns={5} />}
        </tbody>
      </table>
      <h2 className="wd-print-h2">{t('timeline.title')}</h2>
      <table className="wd-print-table wd-print-grid">
        <thead>
          <tr>
            <th style={{ width: '18%' }}>{t('print.time')}</th>
            <th style={{ width: '14%' }}>{t('print.event')}</th>
            <th style={{ width: '14%' }}>{t('print.actor')}</th>
            <th>{t('print.note')}</th>
          </tr>
        </thead>
        <tbody>
          {[...x.events]
            .sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id)
            .map((e) => (
              <tr key={e.id}>
                <td>{time(e.at)}</td>
                <td>{label(EVENT_LABELS, e.kind)}</td>
                <td>{e.actorName}</td>
                <td>{e.note ?? ''}</td>
              </tr>
            ))}
          {blank && <BlankRows count={8} columns={4} />}
        </tbody>
      </table>
      <Signatures roles={[{ role: t('print.signReporter'), name: x.reporterName || null }, { role: t('print.signDirector'), name: null }]} />
    </>
  );
  const meta = (x: TicketDetail) => [
    <>
      {t('print.reportedOn')}
      {t('print.colon')}
      <V>{time(x.createdAt)}</V>
    </>,
  ];
  return (
    <PrintSheet ticket={ticket} form="incident" meta={meta} blank={blank}>
      {body}
    </PrintSheet>
  );
}
