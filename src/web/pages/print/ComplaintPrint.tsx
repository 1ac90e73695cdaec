import { CHANNEL_LABELS, DEPARTMENT_LABELS, EVENT_LABELS, TICKET_TYPE_LABELS, VISIT_TAG_LABELS } from '../../../core/desk-labels.ts';
import type { TicketDetail } from '../../api/desk-types.ts';
import { useSession } from '../../app/session.tsx';
import { formatDateTime } from '../../components/format.ts';
import { useI18n } from '../../i18n/index.tsx';
import { V } from './kit/FormSheet.tsx';
import { Field, FormGrid, PrintSheet, Signatures, usePrintTicket } from './PrintSheet.tsx';

const HANDLING = ['respond', 'dispatch', 'accept', 'pause', 'resume', 'comment', 'reopen'];

/** 业主投诉记录表: the paper record of one complaint (or any request), for filing and signatures. */
export default function ComplaintPrint() {
  return <Complaint ticket={usePrintTicket()} />;
}

/** The paper version, filled in by hand at the desk or in the field. */
export function ComplaintBlank() {
  return <Complaint ticket={null} />;
}

function Complaint({ ticket }: { ticket: ReturnType<typeof usePrintTicket> | null }) {
  const { t, label } = useI18n();
  const { areaName } = useSession();
  const body = (x: TicketDetail) => {
    const handling = x.events.filter((e) => HANDLING.includes(e.kind) && !e.internal);
    const result = [...x.events].reverse().find((e) => e.kind === 'resolve');
    const v = x.visit;
    return (
      <>
        <FormGrid>
          <tr>
            <Field label={t('ticket.reporter')}>{x.reporterName}</Field>
            <Field label={t('ticket.reporterPhone')}>{x.reporterPhone ?? '—'}</Field>
          </tr>
          <tr>
            <Field label={t('ticket.unit')}>{x.unitLabel ?? [t('ticket.publicArea'), areaName(x.areaId)].filter(Boolean).join(' · ')}</Field>
            <Field label={t('ticket.channel')}>{label(CHANNEL_LABELS, x.channel)}</Field>
          </tr>
          <tr>
            <Field label={t('ticket.type')}>{label(TICKET_TYPE_LABELS, x.type)}</Field>
            <Field label={t('ticket.category')}>{x.category ? `${x.category.place} / ${x.category.category} / ${x.category.problem}` : '—'}</Field>
          </tr>
          <tr>
            <Field label={t('print.content')} span={2}>
              <div className="wd-print-title">{x.title}</div>
              <div className="wd-pre">{x.description}</div>
            </Field>
          </tr>
          <tr>
            <Field label={t('ticket.department')}>{x.department ? label(DEPARTMENT_LABELS, x.department) : '—'}</Field>
            <Field label={t('ticket.assignee')}>{x.assigneeName ?? '—'}</Field>
          </tr>
          <tr className="wd-print-tall">
            <Field label={t('print.handling')} span={2}>
              {handling.length ? (
                <ol className="wd-print-list">
                  {handling.map((e) => (
                    <li key={e.id}>
                      {formatDateTime(e.at).slice(0, 16)} {label(EVENT_LABELS, e.kind)} ({e.actorName}){e.note ? `${t('print.colon')}${e.note}` : ''}
                    </li>
                  ))}
                </ol>
              ) : (
                ''
              )}
            </Field>
          </tr>
          <tr className="wd-print-tall">
            <Field label={t('print.result')} span={2}>
              {result ? (
                <>
                  <div className="wd-pre">{result.note}</div>
                  <div className="wd-print-sub">
                    {formatDateTime(result.at).slice(0, 16)} · {result.actorName}
                  </div>
                </>
              ) : (
                ''
              )}
            </Field>
          </tr>
          <tr className="wd-print-tall">
            <Field label={t('visit.title')} span={2}>
              {v?.doneAt ? (
                <>
                  <div>
                    {t('visit.score')}{t('print.colon')}{'★'.repeat(v.score ?? 0)}
                    {'☆'.repeat(5 - (v.score ?? 0))} ({v.score}){v.tags.length ? ` · ${v.tags.map((x) => label(VISIT_TAG_LABELS, x)).join('、')}` : ''}
                  </div>
                  {v.comment && <div className="wd-pre">{v.comment}</div>}
                  <div className="wd-print-sub">{formatDateTime(v.doneAt).slice(0, 16)}</div>
                </>
              ) : x.rating ? (
                <div>
                  {t('ticket.rating')}{t('print.colon')}{'★'.repeat(x.rating)}
                  {'☆'.repeat(5 - x.rating)} {x.ratingComment ?? ''}
                </div>
              ) : (
                ''
              )}
            </Field>
          </tr>
        </FormGrid>
        <Signatures
          roles={[
            { role: t('print.signReceiver'), name: x.events.find((e) => e.kind === 'create')?.actorName ?? null },
            { role: t('print.signHandler'), name: result?.actorName ?? x.assigneeName ?? null },
            { role: t('print.signOwner'), name: x.reporterName || null },
            { role: t('print.signDirector'), name: null },
          ]}
        />
      </>
    );
  };
  const meta = (x: TicketDetail) => [
    <>
      {t('print.registeredOn')}
      {t('print.colon')}
      <V>{formatDateTime(x.createdAt).slice(0, 16)}</V>
    </>,
  ];
  return (
    <PrintSheet ticket={ticket} form="complaint" meta={meta} blank={!ticket}>
      {body}
    </PrintSheet>
  );
}
