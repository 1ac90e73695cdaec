import { useQuery } from '@tanstack/react-query';
import { useParams } from 'react-router';
import { api } from '../../api/client.ts';
import type { Payment } from '../../api/fee-types.ts';
import { useSession } from '../../app/session.tsx';
import { ReceiptShell } from './ReceiptSheet.tsx';

/** 收款收据 printed at the charging center. */
export default function ReceiptPrint() {
  const { id } = useParams();
  const { estateName } = useSession();
  const q = useQuery({ queryKey: ['fees', 'payment', Number(id)], queryFn: () => api<Payment>(`/api/v1/fees/payments/${id}`) });
  return <ReceiptShell payment={q.data} loading={q.isPending} error={q.error} estateName={q.data?.estateName ?? estateName(q.data?.estateId) ?? ''} back="/fees/cashier" />;
}
