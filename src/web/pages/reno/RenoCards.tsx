import { useMutation } from '@tanstack/react-query';
import { Button, Card, Flex, Input, Modal, Space, Tag } from 'antd';
import { useState } from 'react';
import { EXTENSION_STATUS_LABELS } from '../../../core/renovation-labels.ts';
import { api } from '../../api/client.ts';
import type { RenovationDetail, RenoExtension } from '../../api/reno-types.ts';
import { formatDateTime } from '../../components/format.ts';
import { useReportError } from '../../components/useReportError.ts';
import { useI18n } from '../../i18n/index.tsx';

// The detail page's extension and version cards: light (no form, no date picker), so they load with
// the page; the forms that change a renovation are in RenoMore.tsx, fetched on first open.

/** Extension requests with their decision; approvers decide the pending one here. */
export function ExtensionsCard({ reno, canDecide, onChanged }: { reno: RenovationDetail; canDecide: boolean; onChanged: () => void }) {
  const { t, label } = useI18n();
  const report = useReportError();
  const [rejecting, setRejecting] = useState<RenoExtension | null>(null);
  const [note, setNote] = useState('');
  const decide = useMutation({
    mutationFn: ({ ext, approve, note: n }: { ext: RenoExtension; approve: boolean; note?: string }) => api(`/api/v1/renovation-extensions/${ext.id}/decide`, { body: { approve, note: n || null } }),
    onSuccess: () => {
      setRejecting(null);
      setNote('');
      onChanged();
    },
    onError: (err) => report(err),
  });
  if (!reno.extensions.length) return null;
  return (
    <Card title={t('reno.extensions')} size="small" style={{ marginTop: 16 }} data-testid="reno-extensions">
      {reno.extensions.map((e) => (
        <Flex key={e.id} justify="space-between" wrap gap={8} style={{ marginBottom: 8 }}>
          <span>
            <Tag color={e.status === 'approved' ? 'green' : e.status === 'rejected' ? 'red' : 'gold'}>{label(EXTENSION_STATUS_LABELS, e.status)}</Tag>
            {e.oldEnd} → <b>{e.newEnd}</b> · {e.reason}
            <div className="wd-muted">{formatDateTime(e.requestedAt).slice(0, 16)} {e.requestedByName}{e.via === 'portal' ? ` · ${t('reno.viaPortal')}` : ''}{e.decidedByName ? ` · ${e.decidedByName} ${e.decisionNote ?? ''}` : ''}</div>
          </span>
          {e.status === 'pending' && canDecide && (
            <Space>
              <Button size="small" type="primary" loading={decide.isPending} onClick={() => decide.mutate({ ext: e, approve: true })} data-testid={`extension-approve-${e.id}`}>{t('reno.approve')}</Button>
              <Button size="small" onClick={() => setRejecting(e)}>{t('reno.rejectRequest')}</Button>
            </Space>
          )}
        </Flex>
      ))}
      <Modal open={!!rejecting} title={t('reno.rejectRequest')} onCancel={() => setRejecting(null)} okButtonProps={{ disabled: !note.trim(), loading: decide.isPending }} onOk={() => rejecting && decide.mutate({ ext: rejecting, approve: false, note })}>
        <Input.TextArea rows={3} maxLength={500} value={note} onChange={(ev) => setNote(ev.target.value)} placeholder={t('reno.reason')} />
      </Modal>
    </Card>
  );
}

/** Earlier versions of a returned application, as they were (staff see the fields, owners the dates). */
export function VersionsCard({ reno }: { reno: RenovationDetail }) {
  const { t } = useI18n();
  if (!reno.versions.length) return null;
  return (
    <Card title={t('reno.versions', { n: reno.version })} size="small" style={{ marginTop: 16 }} data-testid="reno-versions">
      {reno.versions.map((v) => (
        <div key={v.version} style={{ marginBottom: 6 }}>
          <b>v{v.version}</b> <span className="wd-muted">{formatDateTime(v.savedAt).slice(0, 16)}</span>
          {v.returnedNote && <span> · {t('reno.returnedBecause', { reason: v.returnedNote })}</span>}
          {v.data && <div className="wd-muted">{String(v.data.contractor ?? '')} · {String(v.data.plannedStart ?? '')} ~ {String(v.data.plannedEnd ?? '')}</div>}
        </div>
      ))}
    </Card>
  );
}
