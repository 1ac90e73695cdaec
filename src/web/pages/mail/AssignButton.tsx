import { useQueryClient } from '@tanstack/react-query';
import { Button, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client.ts';
import type { MailItem } from '../../api/mail-types.ts';
import { useSession } from '../../app/session.tsx';
import { UnitSearchSelect } from '../../components/fees/UnitSearchSelect.tsx';
import { useReportError } from '../../components/useReportError.ts';
import { useT } from '../../i18n/index.tsx';

/** An unknown-recipient item, once its household is found: pick the unit (the owner is notified then). */
export function AssignButton({ item }: { item: MailItem }) {
  const t = useT();
  const { estateId } = useSession();
  const report = useReportError();
  const qc = useQueryClient();
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState<number | undefined>();
  const [busy, setBusy] = useState(false);
  const ok = async () => {
    setBusy(true);
    try {
      await api(`/api/v1/mail/items/${item.id}/assign`, { body: { unitId } });
      setOpen(false);
      void qc.invalidateQueries({ queryKey: ['mail'] });
    } catch (err) {
      report(err);
    } finally {
      setBusy(false);
    }
  };
  return (
    <>
      <Button size="small" type="primary" ghost onClick={() => setOpen(true)} data-testid={`mail-assign-${item.id}`}>
        {t('mail.assign')}
      </Button>
      <Modal open={open} title={`${t('mail.assign')} · ${item.number} · ${item.addressee}`} onCancel={() => setOpen(false)} onOk={ok} okButtonProps={{ loading: busy, disabled: !unitId }} destroyOnHidden>
        <UnitSearchSelect estateId={estateId} value={unitId} onChange={(v) => setUnitId(v)} style={{ width: '100%' }} />
      </Modal>
    </>
  );
}
