import { AccountBookOutlined } from '@ant-design/icons';
import { App, Button } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { TicketDetail } from '../../api/desk-types.ts';
import { useSession } from '../../app/session.tsx';
import { useT } from '../../i18n/index.tsx';
import { formatFen } from '../format.ts';
import { useReportError } from '../useReportError.ts';
import { useFeeItems } from './queries.ts';

const DONE = ['resolved', 'confirmed', 'closed'];

/**
 * 特约服务计费: a paid special service that has been done goes onto the unit's bill at once (the
 * month's billing run would pick it up too; either way it is billed once).
 */
export function BillServiceButton({ ticket }: { ticket: TicketDetail }) {
  const t = useT();
  const { can } = useSession();
  const { message, modal } = App.useApp();
  const report = useReportError();
  const items = useFeeItems(can('fee.bill') ? ticket.estateId : undefined);
  const [busy, setBusy] = useState(false);
  const service = items.active.find((i) => i.kind === 'service');
  if (!can('fee.bill') || ticket.type !== 'special_service' || ticket.price == null || !ticket.unitId || !DONE.includes(ticket.status) || !service) return null;
  const bill = () =>
    modal.confirm({
      title: t('fees.service.confirm', { unit: ticket.unitLabel ?? '', amount: formatFen(ticket.price) }),
      okText: t('fees.service.bill'),
      onOk: async () => {
        setBusy(true);
        try {
          await api('/api/v1/fees/lines', { body: { unitId: ticket.unitId, feeItemId: service.id, amount: ticket.price, description: `${service.name}：${ticket.title}`.slice(0, 200), ticketId: ticket.id } });
          message.success(t('fees.service.billed'));
        } catch (err) {
          report(err);
        } finally {
          setBusy(false);
        }
      },
    });
  return (
    <Button icon={<AccountBookOutlined />} loading={busy} onClick={bill} data-testid="bill-service">
      {t('fees.service.bill')}
    </Button>
  );
}
