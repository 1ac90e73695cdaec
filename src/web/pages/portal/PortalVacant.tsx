import { useQuery } from '@tanstack/react-query';
import { Card, List, Tag, Typography } from 'antd';
import { CHECK_RESULT_LABELS, VACANT_ITEM_LABELS, VACANT_REASON_LABELS } from '../../../core/field-labels.ts';
import { api } from '../../api/client.ts';
import { PortalListState } from './PortalListState.tsx';
import { useI18n } from '../../i18n/index.tsx';
import type { PortalVacant as Data } from '../field/field-api.ts';

/** The owner's vacant unit: when it was last checked, what was found, when the next check is. */
export default function PortalVacant() {
  const { t, label } = useI18n();
  const q = useQuery({ queryKey: ['portal', 'vacant'], queryFn: () => api<Data>('/api/v1/portal/vacant') });
  return (
    <PortalListState query={q} rows={6} isEmpty={(d) => !d.units.length} empty={t('field.portalNone')}>
      {(data) => data.units.map((u) => (
        <Card key={`${u.unitId}-${u.registeredOn}`} size="small" style={{ marginBottom: 12 }} title={u.unitLabel} data-testid="portal-vacant"
          extra={u.endedOn ? <Tag>{t('field.ended')} {u.endedOn}</Tag> : <Tag color="blue">{t('field.nextCheck')} {u.nextCheckOn}</Tag>}>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('field.registeredOn')} {u.registeredOn} · {label(VACANT_REASON_LABELS, u.reason)} · {u.keyHeld ? t('field.keyHeldPortal') : t('field.keyNotHeld')}
          </Typography.Paragraph>
          <List size="small" dataSource={u.checks} locale={{ emptyText: t('field.noChecks') }}
            renderItem={(c) => (
              <List.Item>
                <div>
                  <b>{c.checkedOn}</b> <Tag color={c.result === 'pass' ? 'green' : 'red'}>{label(CHECK_RESULT_LABELS, c.result)}</Tag>
                  {c.entered ? t('field.enteredPortal') : t('field.outsidePortal')}
                  {Object.entries(c.items).filter(([, v]) => v === 'issue').map(([k]) => <div key={k} className="wd-overdue">{label(VACANT_ITEM_LABELS, k)}</div>)}
                  {c.note && <div className="wd-muted">{c.note}</div>}
                </div>
              </List.Item>
            )} />
        </Card>
      ))}
    </PortalListState>
  );
}
