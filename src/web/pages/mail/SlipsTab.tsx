import { PrinterOutlined } from '@ant-design/icons';
import { useQuery } from '@tanstack/react-query';
import { Alert, Button, Flex } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import { api } from '../../api/client.ts';
import type { MailSlip } from '../../api/mail-types.ts';
import { useSession } from '../../app/session.tsx';
import { ErrorResult } from '../../components/Results.tsx';
import { useT } from '../../i18n/index.tsx';
import { ItemsTable } from './ItemsTable.tsx';

/** 信箱通知单: items of units without a portal account; the printed slip (with the code) goes in the mailbox. */
export default function SlipsTab() {
  const t = useT();
  const navigate = useNavigate();
  const { estateId } = useSession();
  const [keys, setKeys] = useState<number[]>([]);
  const list = useQuery({
    queryKey: ['mail', 'slips', estateId],
    queryFn: () => api<MailSlip[]>('/api/v1/mail/slips', { query: { estateId } }),
    enabled: !!estateId,
  });
  const rows = (list.data ?? []).map((s) => ({
    id: s.id, estateId: estateId!, number: s.number, receivedOn: s.receivedAt.slice(0, 10), kind: s.kind, carrier: s.carrier, trackingNo: null, addressee: s.addressee, unitId: null,
    unitLabel: s.unitLabel, memberName: null, phoneLast4: null, shelf: s.shelf, pieces: s.pieces, note: null, requiresSignature: false, status: s.slipPrintedAt ? ('notified' as const) : ('received' as const),
    receivedAt: s.receivedAt, receivedByName: null, notifiedAt: s.slipPrintedAt, hasPortalUser: false, remindersSent: 0, daysWaiting: Math.floor((Date.now() - Date.parse(s.receivedAt)) / 86_400_000),
    leftAt: null, leftNote: null, pickupId: null, pickerName: null, hasPhoto: false, photoDeletedAt: null,
  }));
  return (
    <>
      <Alert type="info" showIcon title={t('mail.slipsHint')} style={{ marginBottom: 12 }} />
      <Flex justify="flex-end" style={{ marginBottom: 12 }}>
        <Button type="primary" icon={<PrinterOutlined />} disabled={!keys.length} onClick={() => navigate(`/print/mail/slips?ids=${keys.join(',')}`)} data-testid="mail-print-slips">
          {t('mail.printSlips')} ({keys.length})
        </Button>
      </Flex>
      {list.error ? <ErrorResult error={list.error} /> : <ItemsTable items={rows} loading={list.isPending} selection={{ keys, onChange: setKeys }} testId="mail-slips-table" />}
    </>
  );
}
