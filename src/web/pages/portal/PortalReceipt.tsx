import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Payment } from '../../api/fee-types.ts';
import { useSession } from '../../app/session.tsx';
import { ReceiptShell } from '../print/ReceiptSheet.tsx';

/** The owner's own receipt, printable. */
export default function PortalReceipt() {
  const { id } = useParams();
  const { estateName } = useSession();
  const q = useQuery({ queryKey: ['portal-receipt', Number(id)], queryFn: () => api<Payment>(`/api/v1/portal/fees/payments/${id}`) });
  return <ReceiptShell payment={q.data} loading={q.isPending} error={q.error} estateName={q.data?.estateName ?? estateName(q.data?.estateId) ?? ''} back="/portal/fees" />;
}
