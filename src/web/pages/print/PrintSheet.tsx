import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { TicketDetail } from '../../api/desk-types.ts';
import { useSession } from '../../app/session.tsx';
import { useT } from '../../i18n/index.tsx';
import { FormShell } from './kit/FormShell.tsx';
import { FormSheet, useBlank } from './kit/FormSheet.tsx';

export { Signatures } from './kit/Signatures.tsx';

export function usePrintTicket() {
  const { id } = useParams();
  return useQuery({ queryKey: ['ticket', Number(id)], queryFn: () => api<TicketDetail>(`/api/v1/tickets/${id}`) });
}

/** What a blank ticket form is printed from: every value empty, so only labels and lines remain. */
export const BLANK_TICKET = {
  id: 0,
  estateId: 0,
  areaId: null,
  number: '',
  title: '',
  description: '',
  events: [],
  steps: [],
  visit: null,
  rating: null,
  category: null,
  department: null,
  assigneeName: null,
  unitLabel: '',
  reporterName: '',
  reporterPhone: '',
  createdAt: null,
  respondedAt: null,
  resolvedAt: null,
} as unknown as TicketDetail;

/**
 * A ticket's form on the kit: one A4 sheet (FormSheet) in the print toolbar, back to the ticket.
 * `blank` prints the paper version from BLANK_TICKET instead.
 */
export function PrintSheet({ ticket, form, meta, blank, children }: { ticket: ReturnType<typeof usePrintTicket> | null; form: string; meta: (x: TicketDetail) => ReactNode[]; blank?: boolean; children: (x: TicketDetail) => ReactNode }) {
  const t = useT();
  const { estateName, estate } = useSession();
  const x = blank || !ticket ? BLANK_TICKET : ticket.data;
  return (
    <FormShell
      loading={!blank && !!ticket?.isPending}
      error={blank ? null : ticket?.error}
      back={blank || !x ? '/forms' : `/desk/tickets/${x.id}`}
      backLabel={blank ? undefined : t('print.back')}
    >
      {x && (
        <FormSheet form={form} estate={blank ? estate?.name : estateName(x.estateId)} record={blank ? null : { key: String(x.id), no: x.number }} meta={meta(x)} blank={blank}>
          {children(x)}
        </FormSheet>
      )}
    </FormShell>
  );
}

/** The form's grid of four columns: label, value, label, value. */
export function FormGrid({ children }: { children: ReactNode }) {
  return (
    <table className="wd-print-table">
      <colgroup>
        <col style={{ width: '16%' }} />
        <col style={{ width: '34%' }} />
        <col style={{ width: '16%' }} />
        <col style={{ width: '34%' }} />
      </colgroup>
      <tbody>{children}</tbody>
    </table>
  );
}

/** A labelled cell pair of the form's grid; empty on the blank version. */
export function Field({ label, children, span = 1 }: { label: string; children: ReactNode; span?: number }) {
  const blank = useBlank();
  return (
    <>
      <th>{label}</th>
      <td colSpan={span * 2 - 1}>{blank ? '' : children}</td>
    </>
  );
}
