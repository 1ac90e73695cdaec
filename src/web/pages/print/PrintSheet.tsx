import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Button, Flex } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { TicketDetail } from '../../api/desk-types.ts';
import { LangSwitch } from '../../components/LangSwitch.tsx';
import { PageLoading, ErrorResult } from '../../components/Results.tsx';
import { useT } from '../../i18n/index.tsx';

export function usePrintTicket() {
  const { id } = useParams();
  return useQuery({ queryKey: ['ticket', Number(id)], queryFn: () => api<TicketDetail>(`/api/v1/tickets/${id}`) });
}

/** An A4 sheet with a toolbar (back, language, print) that is not printed. */
export function PrintSheet({ ticket, children }: { ticket: ReturnType<typeof usePrintTicket>; children: (x: TicketDetail) => ReactNode }) {
  const t = useT();
  const navigate = useNavigate();
  if (ticket.isPending) return <PageLoading />;
  if (ticket.error) return <ErrorResult error={ticket.error} />;
  return (
    <div className="wd-print-root">
      <Flex className="wd-print-toolbar" justify="space-between" align="center" gap={12}>
        <Button icon={<ArrowLeftOutlined />} onClick={() => navigate(`/desk/tickets/${ticket.data.id}`)}>
          {t('print.back')}
        </Button>
        <Flex gap={12} align="center">
          <LangSwitch size="small" />
          <Button type="primary" icon={<PrinterOutlined />} onClick={() => window.print()} data-testid="print-now">
            {t('print.print')}
          </Button>
        </Flex>
      </Flex>
      <article className="wd-a4" data-testid="print-sheet">
        {children(ticket.data)}
      </article>
    </div>
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

/** A labelled cell pair of the form's grid. */
export function Field({ label, children, span = 1 }: { label: string; children: ReactNode; span?: number }) {
  return (
    <>
      <th>{label}</th>
      <td colSpan={span * 2 - 1}>{children}</td>
    </>
  );
}

/** Signature lines: one per role, each with a date line unless `dated` is false; `filled` puts a name on the line instead. */
export function Signatures({ roles, dated = true, filled = {} }: { roles: string[]; dated?: boolean; filled?: Record<string, string> }) {
  const t = useT();
  return (
    <div className="wd-print-signs" style={dated ? undefined : { gridTemplateColumns: `repeat(${roles.length}, 1fr)` }}>
      {roles.map((r) => (
        <div key={r} className="wd-print-sign">
          <span>{r}{t('print.colon')}</span>
          {filled[r] != null ? <span>{filled[r]}</span> : <span className="wd-print-line" />}
          {dated && (
            <>
              <span>{t('print.date')}{t('print.colon')}</span>
              <span className="wd-print-line short" />
            </>
          )}
        </div>
      ))}
    </div>
  );
}
