import { Button } from 'antd';
import { useState } from 'react';
import type { Ticket, TicketAction } from '../../../api/desk-types.ts';
import { type MessageKey, useT } from '../../../i18n/index.tsx';
import { lazyDialog } from '../../../components/lazyParts.tsx';

// Loaded on first open (npm run bench:web's page budget).
const ActionModal = lazyDialog(() => import('./ActionModal.tsx').then((m) => m.ActionModal), (p) => p.action !== null);


const PRIMARY: TicketAction[] = ['respond', 'dispatch', 'accept', 'resolve', 'confirm', 'close'];
const DANGER: TicketAction[] = ['cancel'];

/** Exactly the steps the server says this user may take now, each behind its small form. */
export function ActionBar({ ticket, onDone }: { ticket: Ticket; onDone: () => void }) {
  const t = useT();
  const [action, setAction] = useState<TicketAction | null>(null);
  // The first "forward" step is the main button; the others are plain.
  const main = ticket.actions.find((a) => PRIMARY.includes(a));
  return (
    <>
      {ticket.actions.map((a) => (
        <Button key={a} type={a === main ? 'primary' : 'default'} danger={DANGER.includes(a)} onClick={() => setAction(a)} data-testid={`action-${a}`}>
          {t(`action.${a}` as MessageKey)}
        </Button>
      ))}
      <ActionModal
        ticket={ticket}
        action={action}
        onClose={() => setAction(null)}
        onDone={() => {
          setAction(null);
          onDone();
        }}
      />
    </>
  );
}
